package dev.jgrad.cli;

import dev.jgrad.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A safe parser for scalar expressions: numbers, variables, {@code + - * / ^}, unary minus, parentheses
 * and the functions exp, log, sigmoid, tanh, relu, abs (one argument) and max, min (two). It builds a
 * jgrad graph directly (no code is evaluated); variables become leaves that require grad.
 *
 * <pre>
 * expr   := term (('+' | '-') term)*
 * term   := unary (('*' | '/') unary)*
 * unary  := '-' unary | power
 * power  := atom ('^' unary)?          (right-associative)
 * atom   := number | name | name '(' expr (',' expr)? ')' | '(' expr ')'
 * </pre>
 */
final class Expr {

    /** Deep nesting is refused instead of overflowing the parser's stack. */
    static final int MAX_DEPTH = 200;

    private final String text;
    private final Map<String, Double> values;
    private final Map<String, Tensor> leaves = new LinkedHashMap<>();
    private int pos;
    private int depth;

    private Expr(String text, Map<String, Double> values) {
        this.text = text;
        this.values = values;
    }

    /** The parsed graph's root and its variables (leaves in order of first use). */
    record Parsed(Tensor root, Map<String, Tensor> variables) {
    }

    static Parsed parse(String text, Map<String, Double> values) {
        Expr p = new Expr(text, values);
        p.skip();
        if (p.pos >= text.length()) {
            throw p.error("empty expression");
        }
        Tensor root = p.expr();
        p.skip();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Parsed(root, p.leaves);
    }

    private Tensor expr() {
        enter();
        Tensor left = term();
        while (true) {
            skip();
            if (eat('+')) {
                left = left.add(term());
            } else if (eat('-')) {
                left = left.sub(term());
            } else {
                leave();
                return left;
            }
        }
    }

    private Tensor term() {
        Tensor left = unary();
        while (true) {
            skip();
            if (eat('*')) {
                left = left.mul(unary());
            } else if (eat('/')) {
                left = left.div(unary());
            } else {
                return left;
            }
        }
    }

    private Tensor unary() {
        skip();
        if (eat('-')) {
            enter();
            Tensor t = unary().neg();
            leave();
            return t;
        }
        return power();
    }

    private Tensor power() {
        Tensor base = atom();
        skip();
        if (eat('^')) {
            enter();
            int at = pos;
            Tensor exponent = unary();
            leave();
            // A constant exponent is the lecture's x^p gate; a variable one differentiates in both.
            return exponent.requiresGrad() ? base.pow(exponent) : base.pow(constant(exponent, at));
        }
        return base;
    }

    private double constant(Tensor t, int at) {
        if (t.numel() != 1) {
            throw error(at, "exponent must be a number");
        }
        return t.item();
    }

    private Tensor atom() {
        skip();
        if (pos >= text.length()) {
            throw error("unexpected end of expression");
        }
        char c = text.charAt(pos);
        if (eat('(')) {
            Tensor t = expr();
            expect(')');
            return t;
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            String name = text.substring(start, pos);
            skip();
            if (eat('(')) {
                return call(name, start);
            }
            return variable(name, start);
        }
        throw error("unexpected '" + c + "'");
    }

    private Tensor number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        String s = text.substring(start, pos);
        try {
            return Tensor.scalar(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw error(start, "bad number '" + s + "'");
        }
    }

    private Tensor variable(String name, int at) {
        Tensor leaf = leaves.get(name);
        if (leaf != null) {
            return leaf;
        }
        Double v = values.get(name);
        if (v == null) {
            throw error(at, "variable '" + name + "' has no value (pass " + name + "=<number>)");
        }
        leaf = Tensor.scalar(v).requiresGrad(true).label(name);
        leaves.put(name, leaf);
        return leaf;
    }

    private Tensor call(String name, int at) {
        enter();
        List<Tensor> args = new ArrayList<>();
        skip();
        if (!eat(')')) {
            do {
                args.add(expr());
                skip();
            } while (eat(','));
            expect(')');
        }
        leave();
        int arity = switch (name) {
            case "max", "min" -> 2;
            case "exp", "log", "sigmoid", "tanh", "relu", "abs" -> 1;
            default -> throw error(at, "unknown function '" + name + "' (known: exp, log, sigmoid, tanh, relu, abs,"
                    + " max, min)");
        };
        if (args.size() != arity) {
            throw error(at, name + " takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + args.size());
        }
        Tensor a = args.get(0);
        Tensor out = switch (name) {
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "sigmoid" -> a.sigmoid();
            case "tanh" -> a.tanh();
            case "relu" -> a.relu();
            case "abs" -> a.abs();
            case "max" -> a.maximum(args.get(1));
            default -> a.minimum(args.get(1));
        };
        return out;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("expression nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void leave() {
        depth--;
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean eat(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skip();
        if (!eat(c)) {
            throw error(pos < text.length() ? "expected '" + c + "' but found '" + text.charAt(pos) + "'"
                    : "expected '" + c + "' at the end");
        }
    }

    private IllegalArgumentException error(String what) {
        return error(pos, what);
    }

    private IllegalArgumentException error(int at, String what) {
        return new IllegalArgumentException(String.format(Locale.ROOT, "%s at column %d in '%s'", what, at + 1, text));
    }
}
