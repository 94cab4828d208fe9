package dev.cloudflare4j;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a list answer stands, as its envelope's {@code result_info} says: the page number and size
 * and the counts of a list paged by number ({@code page}, {@code per_page}), or the cursor of the
 * next page of a list paged by cursor ({@code result_info.cursor}, or {@code
 * result_info.cursors.after} where Cloudflare sends that). Each part is empty when the answer does
 * not give it. The generated envelope of a list builds it from its typed {@code result_info}
 * ({@link Envelope#pageInfo()}); the envelope's own {@code resultInfo()} keeps all that Cloudflare
 * sent.
 */
public final class PageInfo {

  private final Long page;
  private final Long perPage;
  private final Long count;
  private final Long totalCount;
  private final Long totalPages;
  private final String cursor;
  private final boolean byCursor;

  private PageInfo(
      Long page,
      Long perPage,
      Long count,
      Long totalCount,
      Long totalPages,
      String cursor,
      boolean byCursor) {
    this.page = page;
    this.perPage = perPage;
    this.count = count;
    this.totalCount = totalCount;
    this.totalPages = totalPages;
    this.cursor = cursor;
    this.byCursor = byCursor;
  }

  /**
   * The paging of a list paged by number ({@code page}, {@code per_page}); any part may be null
   * (not given). Numbers are taken whole ({@code 2.0} is 2).
   */
  public static PageInfo numbered(
      Number page, Number perPage, Number count, Number totalCount, Number totalPages) {
    return new PageInfo(
        whole(page),
        whole(perPage),
        whole(count),
        whole(totalCount),
        whole(totalPages),
        null,
        false);
  }

  /**
   * The paging of a list paged by cursor: the cursor of the next page (null or empty on the last),
   * and the counts, which may be null (not given).
   */
  public static PageInfo cursored(String cursor, Number perPage, Number count, Number totalCount) {
    return new PageInfo(
        null,
        whole(perPage),
        whole(count),
        whole(totalCount),
        null,
        cursor == null || cursor.isEmpty() ? null : cursor,
        true);
  }

  private static Long whole(Number number) {
    return number == null ? null : number.longValue();
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /** The page's number ({@code page}). */
  public OptionalLong page() {
    return optional(page);
  }

  /** How many items a full page holds ({@code per_page}). */
  public OptionalLong perPage() {
    return optional(perPage);
  }

  /** How many items this page holds ({@code count}). */
  public OptionalLong count() {
    return optional(count);
  }

  /** How many items the whole list holds ({@code total_count}). */
  public OptionalLong totalCount() {
    return optional(totalCount);
  }

  /** How many pages the whole list holds ({@code total_pages}). */
  public OptionalLong totalPages() {
    return optional(totalPages);
  }

  /**
   * The cursor that asks for the next page ({@code cursor}, or {@code cursors.after}); empty when
   * there is none, as on a list's last page.
   */
  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  /**
   * Whether the list is paged by cursor: the next page is the one {@link #cursor()} names, and
   * there is none without a cursor; else by page number.
   */
  public boolean byCursor() {
    return byCursor;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PageInfo that
        && Objects.equals(page, that.page)
        && Objects.equals(perPage, that.perPage)
        && Objects.equals(count, that.count)
        && Objects.equals(totalCount, that.totalCount)
        && Objects.equals(totalPages, that.totalPages)
        && Objects.equals(cursor, that.cursor)
        && byCursor == that.byCursor;
  }

  @Override
  public int hashCode() {
    return Objects.hash(page, perPage, count, totalCount, totalPages, cursor, byCursor);
  }

  /** Describes the parts given; of a cursor only that it is given, not its text. */
  @Override
  public String toString() {
    return (byCursor ? "PageInfo{byCursor, page=" : "PageInfo{page=")
        + page
        + ", perPage="
        + perPage
        + ", count="
        + count
        + ", totalCount="
        + totalCount
        + ", totalPages="
        + totalPages
        + (cursor == null ? "" : ", cursor=<given>")
        + "}";
  }
}
