package dev.cloudflare4j;

import dev.cloudflare4j.internal.ParamCheck;
import dev.cloudflare4j.internal.ParamRule;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import okhttp3.RequestBody;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Checks each argument of a generated operation against its {@link ParamRule} where Retrofit
 * converts it, before any I/O: Retrofit hands the factory each parameter with its annotations once
 * per method, and the converter it returns checks the value ({@link ParamCheck}), then converts it
 * as the factories after this one would. First of the client's converter factories. A null never
 * reaches a converter: Retrofit refuses a null path parameter or body itself, and {@link
 * OperationPlan#checkArguments} a required one that Retrofit would leave out.
 */
final class ParamRuleConverterFactory extends Converter.Factory {

  @Override
  public Converter<?, String> stringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    ParamRule rule = ruleOf(annotations);
    if (rule == null) {
      return null;
    }
    return checked(rule, nextStringConverter(type, annotations, retrofit));
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    ParamRule rule = ruleOf(parameterAnnotations);
    if (rule == null) {
      return null;
    }
    // A body or a form part: a text value is held to its length and pattern, as a query's is.
    return checked(
        rule,
        retrofit.<Object>nextRequestBodyConverter(
            this, type, parameterAnnotations, methodAnnotations));
  }

  /** A converter that checks each value against the rule, then converts it as {@code next}. */
  private static <T> Converter<Object, T> checked(ParamRule rule, Converter<Object, T> next) {
    ParamCheck check = new ParamCheck(rule);
    return (Object value) -> {
      check.check(value);
      return next.convert(value);
    };
  }

  private static ParamRule ruleOf(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (annotation instanceof ParamRule rule) {
        return rule;
      }
    }
    return null;
  }

  /**
   * The string converter the factories after this one give, or {@code toString()} as Retrofit's own
   * default (Retrofit offers no {@code nextStringConverter}).
   */
  @SuppressWarnings("unchecked") // a converter for the parameter's type takes its values
  private Converter<Object, String> nextStringConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    List<Converter.Factory> factories = retrofit.converterFactories();
    for (int i = factories.indexOf(this) + 1; i < factories.size(); i++) {
      Converter<?, String> converter =
          factories.get(i).stringConverter(type, annotations, retrofit);
      if (converter != null) {
        return (Converter<Object, String>) converter;
      }
    }
    return Object::toString;
  }
}
