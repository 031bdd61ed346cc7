package io.quantmini.app;

import org.apache.camel.util.StringQuoteHelper;

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
     * The arguments in {@code list}, split as Camel's bean binding splits them (its own splitter): at every comma
     * outside quotes ({@code 'a,b'} is one), inside parentheses and {@code ${...}} too; none if it is blank.
     */
    private static int arguments(String list) {
        return list.isBlank() ? 0 : StringQuoteHelper.splitSafeQuote(list, ',', true, true).length;
    }
}
