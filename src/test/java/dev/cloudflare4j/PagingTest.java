package dev.cloudflare4j;

import static dev.cloudflare4j.Fixtures.ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cloudflare4j.testapi.WidgetsApi;
import dev.cloudflare4j.testmodel.WidgetCreate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.Test;

/**
 * Every shape of paging Cloudflare uses, through operations of src/test/openapi/extension.yaml:
 * lists paged by number, by {@code result_info.cursor}, by {@code result_info.cursors.after}, and
 * not paged; and every walk ends, counted at the server, also when the server repeats itself
 * (Cloudflare's own SDKs shipped each of: stopping after one page, reading {@code cursor} where the
 * API sends {@code cursors}, looping forever).
 */
class PagingTest extends ClientTestSupport {

  private static final String WIDGETS = "/client/v4/accounts/" + ACCOUNT_ID + "/widgets";

  private WidgetsApi widgets() {
    return client.api(WidgetsApi.class);
  }

  /** An answer of widgets with the given result_info (JSON, or null for none). */
  private static MockResponse answer(String resultInfo, String... names) {
    StringBuilder items = new StringBuilder();
    for (String name : names) {
      items
          .append(items.length() == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(name)
          .append("\"}");
    }
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            "{\"success\":true,\"errors\":[],\"messages\":[]"
                + (resultInfo == null ? "" : ",\"result_info\":" + resultInfo)
                + ",\"result\":["
                + items
                + "]}");
  }

  private static List<String> names(Page<WidgetCreate> first) {
    List<String> names = new ArrayList<>();
    first.autoPager().forEach(widget -> names.add(widget.name()));
    return names;
  }

  private List<String> paths(int count) throws InterruptedException {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      paths.add(taken().getPath());
    }
    return paths;
  }

  @Test
  void aCursorListFollowsResultInfoCursorUntilAPageHasNone() throws Exception {
    server.enqueue(answer("{\"count\":2,\"cursor\":\"c1\"}", "a", "b"));
    server.enqueue(answer("{\"count\":2,\"cursor\":\"c2\"}", "c", "d"));
    server.enqueue(answer("{\"count\":1,\"cursor\":\"\"}", "e"));

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByCursor(ACCOUNT_ID, null, 2));

    assertThat(first.pageInfo().orElseThrow().byCursor()).isTrue();
    assertThat(first.pageInfo().orElseThrow().cursor()).hasValue("c1");
    assertThat(names(first)).containsExactly("a", "b", "c", "d", "e");
    assertThat(paths(3))
        .containsExactly(
            WIDGETS + "/by-cursor?per_page=2",
            WIDGETS + "/by-cursor?per_page=2&cursor=c1",
            WIDGETS + "/by-cursor?per_page=2&cursor=c2");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aListThatSendsCursorsAfterIsWalkedByIt() throws Exception {
    server.enqueue(answer("{\"cursors\":{\"after\":\"x9\",\"before\":\"x0\"}}", "a"));
    server.enqueue(answer("{\"cursors\":{\"before\":\"x9\"}}", "b"));

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByCursors(ACCOUNT_ID, null));

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(paths(2))
        .containsExactly(WIDGETS + "/by-cursors", WIDGETS + "/by-cursors?cursor=x9");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aServerThatRepeatsACursorEndsTheWalk() throws Exception {
    server.enqueue(answer("{\"cursor\":\"same\"}", "a"));
    server.enqueue(answer("{\"cursor\":\"same\"}", "b"));
    // Enough for a client that loops; the walk must stop after two.
    for (int i = 0; i < 5; i++) {
      server.enqueue(answer("{\"cursor\":\"same\"}", "z"));
    }

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByCursor(ACCOUNT_ID, null, null));

    // The repeated page ends the walk; its items are not more of the list.
    assertThat(names(first)).containsExactly("a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aNumberedListWithTotalPagesAsksForEachPageOnce() throws Exception {
    server.enqueue(answer("{\"page\":1,\"per_page\":2,\"total_pages\":3}", "a", "b"));
    server.enqueue(answer("{\"page\":2,\"per_page\":2,\"total_pages\":3}", "c", "d"));
    server.enqueue(answer("{\"page\":3,\"per_page\":2,\"total_pages\":3}", "e", "f"));

    Page<WidgetCreate> first =
        Page.fetch(widgets().widgetsListByPage(ACCOUNT_ID, null, BigDecimal.valueOf(2)));

    assertThat(first.pageInfo().orElseThrow().totalPages()).isEqualTo(OptionalLong.of(3));
    assertThat(names(first)).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(paths(3))
        .containsExactly(
            WIDGETS + "/by-page?per_page=2",
            WIDGETS + "/by-page?per_page=2&page=2",
            WIDGETS + "/by-page?per_page=2&page=3");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aServerThatAnswersAnotherPageThanTheOneAskedForEndsTheWalk() throws Exception {
    // A server that ignores page: page 1 again, though it says there are five.
    for (int i = 0; i < 6; i++) {
      server.enqueue(answer("{\"page\":1,\"per_page\":1,\"total_pages\":5}", "a"));
    }

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByPage(ACCOUNT_ID, null, null));

    assertThat(names(first)).containsExactly("a");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aServerThatRepeatsItsItemsWithoutPageNumbersEndsTheWalk() throws Exception {
    // Full pages and no counts: only the repeat tells that the server ignores page.
    for (int i = 0; i < 6; i++) {
      server.enqueue(answer("{\"per_page\":2}", "a", "b"));
    }

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByPage(ACCOUNT_ID, null, null));

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(paths(2)).containsExactly(WIDGETS + "/by-page", WIDGETS + "/by-page?page=2");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aFullPageWithoutCountsIsNotTheLastAndAnEmptyPageIs() throws Exception {
    server.enqueue(answer("{\"page\":1,\"per_page\":2}", "a", "b"));
    server.enqueue(answer("{\"page\":2,\"per_page\":2}", "c", "d"));
    server.enqueue(answer("{\"page\":3,\"per_page\":2}"));

    Page<WidgetCreate> first = Page.fetch(widgets().widgetsListByPage(ACCOUNT_ID, null, null));

    assertThat(names(first)).containsExactly("a", "b", "c", "d");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aListWithoutResultInfoIsOnePage() throws Exception {
    server.enqueue(answer(null, "a", "b", "c"));

    Page<WidgetCreate> only = Page.fetch(widgets().widgetsListAll(ACCOUNT_ID));

    assertThat(only.pageInfo()).isEmpty();
    assertThat(only.hasNextPage()).isFalse();
    assertThat(only.pageNumber()).isEqualTo(1);
    assertThat(names(only)).containsExactly("a", "b", "c");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aWalkStartedOnALaterPageAsksForTheOneAfterIt() throws Exception {
    server.enqueue(answer("{\"page\":4,\"per_page\":1,\"total_pages\":5}", "d"));
    server.enqueue(answer("{\"page\":5,\"per_page\":1,\"total_pages\":5}", "e"));

    Page<WidgetCreate> fourth =
        Page.fetch(widgets().widgetsListByPage(ACCOUNT_ID, new BigDecimal("4.0"), null));

    assertThat(names(fourth)).containsExactly("d", "e");
    assertThat(paths(2))
        .containsExactly(WIDGETS + "/by-page?page=4.0", WIDGETS + "/by-page?page=5");
  }
}
