package io.quantmini.app;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service files the README installs: launchd refuses a plist that is not well-formed XML. */
class ServiceFilesTest {

    @Test
    void theLaunchAgentIsWellFormedAndRunsTheDaemon() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document plist = factory.newDocumentBuilder().parse(Path.of("scripts/launchd/io.quantmini.run.plist").toFile());
        NodeList strings = plist.getElementsByTagName("string");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            values.add(strings.item(i).getTextContent());
        }
        assertEquals("io.quantmini.run", values.get(0));
        assertTrue(values.containsAll(List.of("/Users/YOU/quantmini/scripts/quantmini", "run")), values.toString());
    }

    @Test
    void theSystemdUnitRunsTheDaemonAndTakesItsSigtermExitAsClean() throws Exception {
        List<String> unit = Files.readAllLines(Path.of("scripts/systemd/quantmini.service"));
        assertTrue(unit.contains("ExecStart=%h/quantmini/scripts/quantmini run"), unit.toString());
        assertTrue(unit.contains("SuccessExitStatus=143"), unit.toString());
        // a refused start (exit 2, QuantMini.EXIT_USAGE) is not restarted in a loop
        assertTrue(unit.contains("RestartPreventExitStatus=" + io.quantmini.cli.QuantMini.EXIT_USAGE), unit.toString());
    }
}
