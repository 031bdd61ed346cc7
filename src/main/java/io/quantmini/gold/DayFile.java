package io.quantmini.gold;

import java.nio.file.Path;

/** A day file of the lake to read, with the day's index in the gold calendar. */
record DayFile(int dayIndex, Path path) {
}
