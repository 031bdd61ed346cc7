package io.quantmini.lake;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import java.io.File;
import java.nio.file.Path;

/**
 * The handoff routes' file filter: a handoff this process carried out, whose file the disk would not let go, is not
 * taken again ({@link HandoffTaker} said so once). Every other handoff is, including one moved back from
 * {@code failed/} to be retried: the routes keep no other record of the files they took.
 */
public final class HandoffFilter implements GenericFileFilter<File> {

    private final Handoffs handoffs;

    public HandoffFilter(Handoffs handoffs) {
        this.handoffs = handoffs;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return !handoffs.carriedOutRemovingAgain(Path.of(file.getAbsoluteFilePath()));
    }
}
