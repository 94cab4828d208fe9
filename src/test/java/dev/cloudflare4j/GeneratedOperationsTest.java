package dev.cloudflare4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.internal.Operation;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation generated from the library's spec and from the four parts of Cloudflare's spec
 * the build compiles (api-tokens, user, radar, zones) is wired as its call will read it: an
 * operation whose answer is an envelope names a model that is an {@link Envelope} of exactly the
 * type the call yields, and every operation declares the credential schemes it accepts.
 */
class GeneratedOperationsTest {

  /** The generated API interfaces, found where the build compiled them. */
  private static List<Class<?>> apis() throws IOException, ClassNotFoundException {
    List<Class<?>> apis = new ArrayList<>();
    for (Path root : List.of(Path.of("target/classes"), Path.of("target/test-classes"))) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(
                    file ->
                        file.getParent().getFileName().toString().equals("api")
                            && file.getFileName().toString().endsWith("Api.class"))
                .toList();
      }
      for (Path file : files) {
        String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
        apis.add(Class.forName(name));
      }
    }
    return apis;
  }

  @Test
  void everyEnvelopeAnOperationNamesIsAnEnvelopeOfWhatItsCallYields() throws Exception {
    int operations = 0;
    int envelopes = 0;
    for (Class<?> api : apis()) {
      for (Method method : api.getDeclaredMethods()) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation == null) {
          continue;
        }
        operations++;
        Type yields =
            ((ParameterizedType) method.getGenericReturnType()).getActualTypeArguments()[0];
        if (operation.envelope() == Void.class) {
          continue;
        }
        envelopes++;
        assertThat(Envelope.class)
            .as("%s of %s", operation.envelope(), operation.id())
            .isAssignableFrom(operation.envelope());
        Type result = null;
        for (Type implemented : operation.envelope().getGenericInterfaces()) {
          if (implemented instanceof ParameterizedType p && p.getRawType() == Envelope.class) {
            result = p.getActualTypeArguments()[0];
          }
        }
        assertThat(result).as("the result of %s", operation.id()).isEqualTo(yields);
      }
    }
    // The library's 11 and the four parts' 734, each counted once per interface it is in.
    assertThat(operations).isGreaterThanOrEqualTo(11 + 734);
    assertThat(envelopes).isGreaterThan(operations / 2);
  }

  @Test
  void everyOperationOfCloudflaresPartsDeclaresTheCredentialsItAccepts() throws Exception {
    for (Class<?> api : apis()) {
      if (!api.getName().startsWith("speccheck.")) {
        continue;
      }
      for (Method method : api.getDeclaredMethods()) {
        Operation operation = method.getAnnotation(Operation.class);
        if (operation != null) {
          // Every one of them takes an API token, as Cloudflare does (SpecTool prepare).
          assertThat(operation.schemes()).as(operation.id()).contains("api_token");
        }
      }
    }
  }
}
