package dev.cloudflare4j.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.regex.Pattern;

/**
 * Checks one argument against its {@link ParamRule} from the spec. Path parameters must also be
 * non-blank identifiers: ASCII letters, digits, {@code -} and {@code _} (unless the spec gives a
 * pattern), since a {@code /}, {@code ..}, {@code %}, whitespace or control character in a path
 * segment is never a legitimate Cloudflare identifier; one that the spec shows holding text (a
 * hostname, a URL: {@link ParamRule#identifier()}) must not be blank, {@code .}, {@code ..} or hold
 * a {@code ;} or a control character. Messages name the parameter and the rule, never the value,
 * which might be a secret pasted in the wrong place.
 *
 * <p>The one rule of what an id looks like: the client checks each argument by it, and the sandbox
 * and the command line check ids by the same rule, read from the generated operation ({@link #of}),
 * so that the three never disagree.
 */
public final class ParamCheck {

  private final ParamRule rule;
  private final Pattern pattern;

  /** The check of one parameter's rule. */
  public ParamCheck(ParamRule rule) {
    this.rule = rule;
    this.pattern = rule.pattern().isEmpty() ? null : Pattern.compile(rule.pattern());
  }

  /**
   * The check of a parameter of a generated operation, read from its {@link ParamRule}.
   *
   * @param api the generated API interface
   * @param operationId the operation's id in the spec
   * @param parameter the parameter's name in the spec
   * @throws IllegalArgumentException if the interface has no such operation or parameter
   */
  public static ParamCheck of(Class<?> api, String operationId, String parameter) {
    for (Method method : api.getMethods()) {
      Operation operation = method.getAnnotation(Operation.class);
      if (operation == null || !operation.id().equals(operationId)) {
        continue;
      }
      for (Annotation[] annotations : method.getParameterAnnotations()) {
        for (Annotation annotation : annotations) {
          if (annotation instanceof ParamRule rule && rule.name().equals(parameter)) {
            return new ParamCheck(rule);
          }
        }
      }
    }
    throw new IllegalArgumentException(
        api.getName() + " has no operation " + operationId + " with a parameter " + parameter);
  }

  /** Whether a value keeps the rule; a null keeps none. */
  public boolean accepts(String value) {
    if (value == null) {
      return false;
    }
    try {
      check(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks a value, never null (Retrofit converts no null, and so asks no check of one).
   *
   * @throws IllegalArgumentException naming the parameter and the rule the value breaks
   */
  public void check(Object value) {
    String label = rule.label();
    if (!(value instanceof CharSequence)) {
      return;
    }
    String text = value.toString();
    if (isPath() && text.isBlank()) {
      throw new IllegalArgumentException(label + " must not be blank");
    }
    checkLength(label, text.codePointCount(0, text.length()));
    if (pattern != null) {
      if (!pattern.matcher(text).find()) {
        throw new IllegalArgumentException(label + " must match the pattern " + rule.pattern());
      }
    } else if (isPath() && rule.identifier()) {
      checkIdentifier(label, text);
    } else if (isPath()) {
      checkSegment(label, text);
    }
  }

  private boolean isPath() {
    return rule.in().equals("path");
  }

  private void checkLength(String label, int length) {
    int min = rule.minLength();
    int max = rule.maxLength();
    // An absent bound is -1: no length is below it, and it caps nothing.
    boolean tooShort = length < min;
    boolean tooLong = max != -1 && length > max;
    if (!tooShort && !tooLong) {
      return;
    }
    String expected =
        min == max ? "exactly " + min : tooShort ? "at least " + min : "at most " + max;
    throw new IllegalArgumentException(
        label + " must be " + expected + " characters long (was " + length + ")");
  }

  private static void checkIdentifier(String label, String text) {
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        throw new IllegalArgumentException(
            label
                + " may hold only ASCII letters, digits, '-' and '_', but holds "
                + describe(c)
                + " at index "
                + i);
      }
    }
  }

  /**
   * A path parameter that holds text (a hostname, a URL) travels percent-encoded in one segment; it
   * may still not be a relative segment or hold a control character.
   */
  private static void checkSegment(String label, String text) {
    if (text.equals(".") || text.equals("..")) {
      throw new IllegalArgumentException(label + " must not be '.' or '..'");
    }
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      int c = text.codePointAt(i);
      if (c == ';') {
        // Retrofit leaves ';' as it is in a path, where servers may read it as a parameter.
        throw new IllegalArgumentException(
            label + " must not hold ';', but holds it at index " + i);
      }
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            label
                + " must not hold a control character, but holds "
                + describe(c)
                + " at index "
                + i);
      }
    }
  }

  private static String describe(int codePoint) {
    if (codePoint > 0x20 && codePoint < 0x7f) {
      return "'" + (char) codePoint + "'";
    }
    return String.format("U+%04X", codePoint);
  }
}
