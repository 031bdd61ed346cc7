package io.quantmini.gold;

/**
 * Gold with features was asked for while silver lacks days of bronze (missing, out of step with their bronze file,
 * or cut short): their features would be NaN or stale. Nothing of gold was changed.
 */
public final class SilverBehindException extends IllegalStateException {

    SilverBehindException(String message) {
        super(message);
    }
}
