/* ToUnicode CMaps: CID -> the text the glyph stands for, so that text
 * extraction, search and copy-paste give back what was typeset. A ligature
 * maps to all its characters, a glyph that is only part of a cluster (the
 * second glyph of a decomposed character, say) maps to nothing. */
#include <stdlib.h>

#include "pdf_internal.h"

/* PDF 1.7, 9.10.3: at most 100 entries per bfchar block and destination
 * strings of at most 512 bytes. */
#define BLOCK_ENTRIES 100
#define MAX_DEST_BYTES 512

static const char cmap_header[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char cmap_footer[] =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

/* Writes the UTF-16BE of text as hex, whole code points only, within the
 * destination limit. */
static void write_destination(eb_buf *out, const char *text, size_t len) {
    uint8_t *u;
    size_t n;
    ebi_utf8_to_utf16be(text, len, false, &u, &n);
    size_t keep = 0;
    while (keep < n && keep < MAX_DEST_BYTES) {
        bool surrogate = u[keep] >= 0xD8 && u[keep] <= 0xDB;
        size_t unit = surrogate ? 4 : 2;
        if (keep + unit > MAX_DEST_BYTES) break;
        keep += unit;
    }
    eb_buf_putc(out, '<');
    for (size_t i = 0; i < keep; i++) eb_buf_printf(out, "%02X", u[i]);
    eb_buf_putc(out, '>');
    free(u);
}

static size_t count_mapped(const eb_cid_text *map, size_t n) {
    size_t count = 0;
    for (size_t i = 0; i < n; i++) count += map[i].len > 0;
    return count;
}

void ebi_cmap_to_unicode(const eb_cid_text *map, size_t n, eb_buf *out) {
    eb_buf_puts(out, cmap_header);
    size_t remaining = count_mapped(map, n);
    size_t i = 0;
    while (remaining > 0) {
        size_t block = remaining < BLOCK_ENTRIES ? remaining : BLOCK_ENTRIES;
        eb_buf_printf(out, "%zu beginbfchar\n", block);
        for (size_t written = 0; written < block; i++) {
            if (map[i].len == 0) continue;
            eb_buf_printf(out, "<%04X> ", (unsigned)map[i].cid);
            write_destination(out, map[i].text, map[i].len);
            eb_buf_putc(out, '\n');
            written++;
        }
        eb_buf_puts(out, "endbfchar\n");
        remaining -= block;
    }
    eb_buf_puts(out, cmap_footer);
}
