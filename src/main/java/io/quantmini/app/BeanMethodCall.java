package io.quantmini.app;

/**
 * A bean step's {@code method} as Camel's bean binding reads it: a name, and maybe its arguments in parentheses
 * ({@code lastDays('splits', 5, 2)}), which Camel binds to a method of that name with as many parameters (given
 * fewer, it binds the rest from the message, and fails on the first it cannot convert; given more, it drops them).
 *
 * @param name      the method's name
 * @param arguments how many arguments the parentheses give ({@code ()}: none), or -1 if there are none (Camel then
 *                  binds the message's body)
 */
record BeanMethodCall(String name, int arguments) {

    private static final String OPENING = "([{";
    private static final String CLOSING = ")]}";

    static BeanMethodCall of(String method) {
        String text = method.strip();
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            return new BeanMethodCall(open < 0 ? text : text.substring(0, open).strip(), -1);
        }
        return new BeanMethodCall(text.substring(0, open).strip(),
                arguments(text.substring(open + 1, text.length() - 1)));
    }

    /**
     * The arguments in {@code list}: one more than its commas at the top level, not those inside quotes, parentheses,
     * brackets or a {@code ${...}} expression ({@code 'a,b'}, {@code ${body.split(',')}}); none if it is blank.
     */
    private static int arguments(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int arguments = 1;
        int depth = 0;
        char quote = 0;
        for (char c : list.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (OPENING.indexOf(c) >= 0) {
                depth++;
            } else if (CLOSING.indexOf(c) >= 0) {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                arguments++;
            }
        }
        return arguments;
    }
}
