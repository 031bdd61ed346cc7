package io.quantmini.replay;

/**
 * One synthetic daily bar in fixed point: prices in ten-thousandths of a dollar, volume in
 * thousandths of a share. Mutable and reused, so writing a 10,000-row day allocates nothing per row.
 */
final class Bar {
    static final int PRICE_DECIMALS = 4;
    static final int VOLUME_DECIMALS = 3;

    long open;
    long high;
    long low;
    long close;
    long vwap;
    long volume;
    long transactions;
}
