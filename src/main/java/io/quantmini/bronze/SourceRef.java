package io.quantmini.bronze;

/** Where a record came from: the index of its page in the day's input and its byte range in the body. */
record SourceRef(int page, int start, int end) implements Comparable<SourceRef> {

    /** Input order: page, then position in the page. */
    @Override
    public int compareTo(SourceRef o) {
        int c = Integer.compare(page, o.page);
        return c != 0 ? c : Integer.compare(start, o.start);
    }
}
