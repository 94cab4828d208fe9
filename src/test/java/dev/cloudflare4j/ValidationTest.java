package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static dev.cloudflare4j.Fixtures.TOKEN_ID;
import static dev.cloudflare4j.Fixtures.json;
import static dev.cloudflare4j.Fixtures.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cloudflare4j.api.AccountOwnedApiTokensApi;
import dev.cloudflare4j.api.AccountOwnedApiTokensApi.TokenDeleteParams;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad arguments fail with the parameter and the rule named, and nothing is sent. */
class ValidationTest extends ClientTestSupport {

  private void assertNothingSent() {
    assertThat(server.getRequestCount()).isZero();
  }

  static Stream<Arguments> badTokenIds() {
    return Stream.of(
        Arguments.of("", "tokenId must not be blank"),
        Arguments.of("   ", "tokenId must not be blank"),
        Arguments.of("\t", "tokenId must not be blank"),
        Arguments.of("a".repeat(33), "tokenId must be at most 32 characters long (was 33)"),
        Arguments.of(
            "ed1757/../tokens",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '/' at index 6"),
        Arguments.of(
            "..",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '.' at index 0"),
        Arguments.of(
            "ed17%2Fabc",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '%' at index 4"),
        Arguments.of(
            "ed17 abc",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds U+0020 at index 4"),
        Arguments.of(
            "ed17\r\nabc",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds U+000D at index 4"),
        Arguments.of(
            "ed17?x=1",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '?' at index 4"),
        Arguments.of(
            "ed17#x",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '#' at index 4"),
        Arguments.of(
            "tökén",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds U+00F6 at index 1"),
        Arguments.of(
            "\uD83D\uDD11",
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds U+1F511 at index 0"),
        // Lengths count characters (code points), as JSON Schema does, not UTF-16 units.
        Arguments.of(
            "\uD83D\uDD11".repeat(33), "tokenId must be at most 32 characters long (was 33)"));
  }

  @ParameterizedTest(name = "token id \"{0}\"")
  @MethodSource("badTokenIds")
  void aBadTokenIdIsRefusedBeforeAnyRequest(String tokenId, String message) {
    assertThatThrownBy(() -> client.accounts().tokens().delete(tokenId, params()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertNothingSent();
  }

  static Stream<Arguments> badAccountIds() {
    return Stream.of(
        Arguments.of("", "accountId must not be blank"),
        Arguments.of(
            ACCOUNT_ID.substring(1), "accountId must be exactly 32 characters long (was 31)"),
        Arguments.of(ACCOUNT_ID + "0", "accountId must be exactly 32 characters long (was 33)"),
        Arguments.of(
            "023e105f4ecef8ad9ca31a8372d0c35/",
            "accountId may hold only ASCII letters, digits, '-' and '_', but holds '/' at index 31"),
        Arguments.of(
            "023e105f4ecef8ad9ca31a8372d0c35\n",
            "accountId may hold only ASCII letters, digits, '-' and '_', but holds U+000A at index 31"));
  }

  @ParameterizedTest(name = "account id \"{0}\"")
  @MethodSource("badAccountIds")
  void aBadAccountIdIsRefusedBeforeAnyRequest(String accountId, String message) {
    TokenDeleteParams params = TokenDeleteParams.builder().accountId(accountId).build();

    assertThatThrownBy(() -> client.accounts().tokens().delete(TOKEN_ID, params))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertNothingSent();
  }

  @Test
  void charactersJustOutsideTheIdentifierRangesAreRefused() {
    // Neighbours of 0-9, A-Z and a-z in ASCII, and the first and last visible characters.
    for (char c : new char[] {'/', ':', '@', '[', '`', '{', '!', '~'}) {
      assertThatThrownBy(() -> client.accounts().tokens().delete("ab" + c, params()))
          .as("'%s'", c)
          .hasMessage(
              "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '"
                  + c
                  + "' at index 2");
    }
    assertThatThrownBy(() -> client.accounts().tokens().delete("ab\u007f", params()))
        .hasMessageEndingWith("but holds U+007F at index 2");
    assertNothingSent();
  }

  @Test
  void aNullTokenIdIsANullPointerExceptionNamingIt() {
    assertThatThrownBy(() -> client.accounts().tokens().delete(null, params()))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("tokenId must not be null");
    assertNothingSent();
  }

  @Test
  void nullParamsAreANullPointerExceptionNamingThem() {
    assertThatThrownBy(() -> client.accounts().tokens().delete(TOKEN_ID, null))
        .isExactlyInstanceOf(NullPointerException.class)
        .hasMessage("params must not be null");
    assertNothingSent();
  }

  @Test
  void paramsWithoutAnAccountIdAreRefusedWhenTheCallIsMadeNamingIt() {
    TokenDeleteParams noAccount = TokenDeleteParams.builder().build();

    assertThatThrownBy(() -> client.accounts().tokens().delete(TOKEN_ID, noAccount))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Path parameter \"account_id\" value must not be null.");
    assertNothingSent();
  }

  @Test
  void theGeneratedInterfaceChecksTheSameRules() {
    AccountOwnedApiTokensApi api = client.api(AccountOwnedApiTokensApi.class);

    // A null where the spec requires a value: Retrofit's own refusal, naming the parameter.
    assertThatThrownBy(() -> api.accountApiTokensDeleteToken(null, TOKEN_ID))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Path parameter \"account_id\" value must not be null.");
    assertThatThrownBy(() -> api.accountApiTokensDeleteToken(ACCOUNT_ID, "x/y"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "tokenId may hold only ASCII letters, digits, '-' and '_', but holds '/' at index 1");
    assertNothingSent();
  }

  @Test
  void theAccountIdIsCheckedBeforeTheTokenId() {
    TokenDeleteParams params = TokenDeleteParams.builder().accountId("short").build();

    assertThatThrownBy(() -> client.accounts().tokens().delete("bad/id", params))
        .hasMessageStartingWith("accountId ");
    assertNothingSent();
  }

  @Test
  void validIdsOfEveryAllowedCharacterAreSentUnchanged() throws Exception {
    server.enqueue(json(200, "delete-token-success.json"));
    String tokenId = "Az09-_";

    client.accounts().tokens().delete(tokenId, params());

    assertThat(server.takeRequest().getPath())
        .isEqualTo("/client/v4/accounts/" + ACCOUNT_ID + "/tokens/" + tokenId);
  }
}
