package io.quantmini.gold;

import java.io.IOException;

/**
 * One of gold's own files is not what its runs write (cut short by a crash of the machine, edited by hand): a
 * symbol's {@code .bin} shorter than its listed span or missing, an instruments or calendar line that does not parse.
 * An in-place run cannot build on it; the stage rebuilds gold in full instead, from bronze and silver.
 */
final class GoldFileDamaged extends IOException {

    GoldFileDamaged(String message) {
        super(message);
    }
}
