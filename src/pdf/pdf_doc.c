/* The public eb_pdf API: documents, pages, vector graphics, links,
 * outlines, and the deterministic, atomic save. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pdf_internal.h"

typedef struct {
    char *title, *author, *subject, *keywords, *creator, *source, *lang, *id_seed;
    bool dated;
    long long date;
} owned_options;

struct eb_pdf {
    eb_fontset *fontset;
    eb_diag *diag;
    eb_pdoc *backend;
    owned_options options;
    eb_pdf_page **pages;
    size_t npages, pages_cap;
    eb_pdf_font **fonts;
    size_t nfonts;
    eb_pdoc_outline **outlines;
    size_t noutlines, outlines_cap;
    eb_tags *tags;
    eb_pdf_images *images;
    char *producer;
    eb_pobj *metadata;
};

/* Page size limits (PDF 1.7, annex C: 3 to 14400 units). */
#define MIN_PAGE_SIDE 3.0
#define MAX_PAGE_SIDE 14400.0

eb_pdoc *ebi_pdf_backend(eb_pdf *pdf) { return pdf->backend; }
eb_diag *ebi_pdf_diag(eb_pdf *pdf) { return pdf->diag; }
eb_tags *ebi_pdf_tags(eb_pdf *pdf) { return pdf->tags; }
eb_pdf_images *ebi_pdf_images_of(eb_pdf *pdf) { return pdf->images; }

static void report(eb_pdf *pdf, const char *path, const char *what, const char *why) {
    eb_diag_report(pdf->diag, EB_ERROR, (eb_location){.file = path}, "PDF: %s%s%s", what,
                   why && *why ? ": " : "", why ? why : "");
}

static char *dup_or_null(const char *s) { return s ? eb_xstrdup(s) : NULL; }

static void copy_options(owned_options *o, const eb_pdf_options *in) {
    eb_pdf_options none = {0};
    if (!in) in = &none;
    o->title = dup_or_null(in->title);
    o->author = dup_or_null(in->author);
    o->subject = dup_or_null(in->subject);
    o->keywords = dup_or_null(in->keywords);
    o->creator = eb_xstrdup(in->creator ? in->creator : "evbrief " EVBRIEF_VERSION);
    o->source = dup_or_null(in->source);
    o->lang = dup_or_null(in->lang);
    o->id_seed = eb_xstrdup(in->id_seed ? in->id_seed : "");
    o->dated = in->dated;
    o->date = in->date;
}

static void free_options(owned_options *o) {
    free(o->title);
    free(o->author);
    free(o->subject);
    free(o->keywords);
    free(o->creator);
    free(o->source);
    free(o->lang);
    free(o->id_seed);
}

/* Writes one /Info entry as a UTF-16BE text string. */
static bool set_info(eb_pdf *pdf, const char *key, const char *utf8) {
    if (!utf8) return true;
    uint8_t *text;
    size_t len;
    ebi_utf8_to_utf16be(utf8, strlen(utf8), true, &text, &len);
    bool ok = ebi_pdoc_set_info(pdf->backend, key, text, len);
    free(text);
    return ok;
}

/* /CreationDate and /ModDate, the same instant (a build writes a file once). */
static bool set_dates(eb_pdf *pdf) {
    if (!pdf->options.dated) return true;
    char date[64];
    ebi_pdf_date(pdf->options.date, date);
    eb_pobj *info = ebi_pdoc_info(pdf->backend);
    return ebi_pdoc_put_ascii(pdf->backend, info, "CreationDate", date) &&
           ebi_pdoc_put_ascii(pdf->backend, info, "ModDate", date);
}

/* /Info, the catalog entries and the PDF/A output intent. /Producer is
 * written here so that the XMP can repeat it; it comes first, where
 * libharu put it, for the same bytes. */
static bool write_document_entries(eb_pdf *pdf) {
    const owned_options *o = &pdf->options;
    return set_info(pdf, "Producer", pdf->producer) && set_info(pdf, "Title", o->title) &&
           set_info(pdf, "Author", o->author) && set_info(pdf, "Subject", o->subject) &&
           set_info(pdf, "Keywords", o->keywords) && set_info(pdf, "Creator", o->creator) &&
           set_dates(pdf) && ebi_pdoc_set_catalog(pdf->backend, o->lang, o->title != NULL) &&
           ebi_pdfa_output_intent(pdf->backend);
}

eb_pdf *eb_pdf_create(eb_fontset *fonts, const eb_pdf_options *options, eb_diag *diag) {
    eb_pdf *pdf = eb_xcalloc(1, sizeof *pdf);
    pdf->fontset = fonts;
    pdf->diag = diag;
    copy_options(&pdf->options, options);
    pdf->tags = ebi_tags_create();
    pdf->images = ebi_pdf_images_create();
    /* what wrote the PDF, as /Info and the XMP both say */
    pdf->producer = eb_xstrdup("evbrief " EVBRIEF_VERSION);
    pdf->backend = ebi_pdoc_create();
    if (!pdf->backend) {
        report(pdf, NULL, "cannot create a document", NULL);
        eb_pdf_destroy(pdf);
        return NULL;
    }
    if (!write_document_entries(pdf)) {
        report(pdf, NULL, "cannot write the document information",
               ebi_pdoc_take_error(pdf->backend));
        eb_pdf_destroy(pdf);
        return NULL;
    }
    return pdf;
}

void eb_pdf_destroy(eb_pdf *pdf) {
    if (!pdf) return;
    for (size_t i = 0; i < pdf->npages; i++) {
        ebi_content_destroy(&pdf->pages[i]->content);
        free(pdf->pages[i]);
    }
    free(pdf->pages);
    for (size_t i = 0; i < pdf->nfonts; i++) ebi_pdf_font_destroy(pdf->fonts[i]);
    free(pdf->fonts);
    free(pdf->outlines);
    ebi_pdoc_destroy(pdf->backend);
    ebi_tags_destroy(pdf->tags);
    ebi_pdf_images_destroy(pdf->images);
    free(pdf->producer);
    free_options(&pdf->options);
    free(pdf);
}

/* ---- pages -------------------------------------------------------------------------- */

eb_pdf_page *eb_pdf_add_page(eb_pdf *pdf, double width, double height) {
    if (!(width >= MIN_PAGE_SIDE && width <= MAX_PAGE_SIDE && height >= MIN_PAGE_SIDE &&
          height <= MAX_PAGE_SIDE)) {
        report(pdf, NULL, "page size out of range (3 to 14400 pt)", NULL);
        return NULL;
    }
    eb_pdoc_page *backend_page = ebi_pdoc_add_page(pdf->backend, width, height);
    if (!backend_page) {
        report(pdf, NULL, "cannot add a page", ebi_pdoc_take_error(pdf->backend));
        return NULL;
    }
    eb_pdf_page *page = eb_xcalloc(1, sizeof *page);
    *page = (eb_pdf_page){.pdf = pdf, .page = backend_page, .index = pdf->npages, .width = width,
                          .height = height};
    if (pdf->npages == pdf->pages_cap) {
        pdf->pages_cap = pdf->pages_cap ? 2 * pdf->pages_cap : 8;
        pdf->pages = eb_xrealloc(pdf->pages, pdf->pages_cap * sizeof *pdf->pages);
    }
    pdf->pages[pdf->npages++] = page;
    return page;
}

size_t eb_pdf_page_count(const eb_pdf *pdf) { return pdf->npages; }

eb_pdf_page *eb_pdf_get_page(eb_pdf *pdf, size_t index) {
    return index < pdf->npages ? pdf->pages[index] : NULL;
}

eb_pdf_font *ebi_pdf_font_for(eb_pdf *pdf, const eb_font *font) {
    for (size_t i = 0; i < pdf->nfonts; i++)
        if (ebi_pdf_font_source(pdf->fonts[i]) == font) return pdf->fonts[i];
    eb_pdoc_font *objects = ebi_pdoc_font_create(pdf->backend);
    if (!objects) {
        report(pdf, eb_font_get_info(font)->path, "cannot create a font",
               ebi_pdoc_take_error(pdf->backend));
        return NULL;
    }
    pdf->fonts = eb_xrealloc(pdf->fonts, (pdf->nfonts + 1) * sizeof *pdf->fonts);
    return pdf->fonts[pdf->nfonts++] = ebi_pdf_font_create(font, objects);
}

/* ---- vector graphics ------------------------------------------------------------------- */

void eb_pdf_fill_rect(eb_pdf_page *page, double x, double y, double w, double h, uint32_t color) {
    if (!page) return;
    eb_content *c = &page->content;
    ebi_content_note_drawing(c);
    ebi_content_raw(c, "q\n");
    ebi_content_fill_color(c, color);
    ebi_content_op(c, "re", 4, (double[]){x, page->height - y - h, w, h});
    ebi_content_raw(c, "f\nQ\n");
}

static void begin_stroke(eb_content *c, double line_width, uint32_t color) {
    ebi_content_note_drawing(c);
    ebi_content_raw(c, "q\n");
    ebi_content_stroke_color(c, color);
    ebi_content_op(c, "w", 1, &line_width);
}

void eb_pdf_stroke_rect(eb_pdf_page *page, double x, double y, double w, double h,
                        double line_width, uint32_t color) {
    if (!page) return;
    eb_content *c = &page->content;
    begin_stroke(c, line_width, color);
    ebi_content_op(c, "re", 4, (double[]){x, page->height - y - h, w, h});
    ebi_content_raw(c, "S\nQ\n");
}

void eb_pdf_stroke_line(eb_pdf_page *page, double x1, double y1, double x2, double y2,
                        double line_width, uint32_t color) {
    if (!page) return;
    eb_content *c = &page->content;
    begin_stroke(c, line_width, color);
    ebi_content_op(c, "m", 2, (double[]){x1, page->height - y1});
    ebi_content_op(c, "l", 2, (double[]){x2, page->height - y2});
    ebi_content_raw(c, "S\nQ\n");
}

/* ---- marked content --------------------------------------------------------------------- */

void eb_pdf_begin_marked(eb_pdf_page *page, const char *tag, int mcid) {
    if (!page) return;
    ebi_content_begin_marked(&page->content, tag, mcid);
    if (mcid >= page->next_mcid && mcid < 0x7FFFFFFF) page->next_mcid = mcid + 1;
}

void eb_pdf_begin_artifact(eb_pdf_page *page) {
    if (page) ebi_content_begin_artifact(&page->content);
}

bool eb_pdf_end_marked(eb_pdf_page *page) {
    if (!page || !ebi_content_end_marked(&page->content)) return false;
    if (page->element && page->content.marked_depth < page->element_depth) page->element = 0;
    return true;
}

/* ---- structure ------------------------------------------------------------------------- */

int eb_pdf_add_element(eb_pdf *pdf, int parent, const eb_pdf_element *element) {
    return pdf ? ebi_tags_add(pdf->tags, parent, element) : 0;
}

int eb_pdf_begin_element(eb_pdf_page *page, int element) {
    if (!page || page->element) return -1;  /* one element's content at a time */
    const char *type = ebi_tags_type(page->pdf->tags, element);
    if (!type || page->next_mcid == 0x7FFFFFFF) return -1;
    int mcid = page->next_mcid++;
    ebi_content_begin_marked(&page->content, type, mcid);
    ebi_tags_add_mcid(page->pdf->tags, element, page->index, mcid);
    page->element = element;
    page->element_depth = page->content.marked_depth;
    return mcid;
}

/* ---- links ------------------------------------------------------------------------------ */

static bool has_prefix(const char *s, const char *prefix) {
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n; i++)
        if (!s[i] || (s[i] | 0x20) != (prefix[i] | 0x20)) return false;
    return true;
}

/* Appends s percent-encoding what may not appear raw in a URI: controls,
 * spaces, non-ASCII bytes and a few delimiters, plus for a DOI (which is
 * free text) the characters a URL would read as syntax. */
static bool encode_uri(eb_buf *out, const char *s, bool doi) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F) return false;  /* controls: never valid */
        bool unsafe = *p == ' ' || *p >= 0x80 || strchr("\"<>\\^`{|}", *p);
        if (doi) unsafe = unsafe || strchr("#?%", *p);
        if (unsafe)
            eb_buf_printf(out, "%%%02X", *p);
        else
            eb_buf_putc(out, (char)*p);
    }
    return true;
}

/* http(s) URIs as they are, doi:X as https://doi.org/X; NULL otherwise
 * (javascript:, file:, relative references...). Caller frees. */
static char *link_target(const char *uri) {
    eb_buf out = {0};
    bool ok;
    if (has_prefix(uri, "https://") || has_prefix(uri, "http://")) {
        const char *rest = strstr(uri, "://") + 3;
        ok = *rest && *rest != '/' && encode_uri(&out, uri, false);
    } else if (has_prefix(uri, "doi:")) {
        const char *doi = uri + 4;
        while (*doi == ' ') doi++;
        eb_buf_puts(&out, "https://doi.org/");
        ok = has_prefix(doi, "10.") && encode_uri(&out, doi, true);
    } else {
        ok = false;
    }
    if (!ok) {
        eb_buf_destroy(&out);
        return NULL;
    }
    return eb_buf_steal(&out);
}

static eb_pobj *add_link(eb_pdf_page *page, double x, double y, double w, double h, const char *uri) {
    if (!page || !uri || !isfinite(x) || !isfinite(y) || !(w > 0 && w < 1e6) || !(h > 0 && h < 1e6))
        return NULL;
    char *target = link_target(uri);
    if (!target) return NULL;
    double rect[4] = {x, page->height - y - h, x + w, page->height - y};
    eb_pobj *annot = ebi_pdoc_link(page->pdf->backend, page->page, rect, target);
    if (!annot) report(page->pdf, NULL, "cannot add a link", ebi_pdoc_take_error(page->pdf->backend));
    free(target);
    return annot;
}

bool eb_pdf_link(eb_pdf_page *page, double x, double y, double w, double h, const char *uri) {
    return add_link(page, x, y, w, h, uri) != NULL;
}

bool eb_pdf_link_element(eb_pdf_page *page, double x, double y, double w, double h,
                         const char *uri, int element) {
    if (!page || !ebi_tags_type(page->pdf->tags, element)) return false;
    eb_pobj *annot = add_link(page, x, y, w, h, uri);
    if (annot) ebi_tags_add_link(page->pdf->tags, element, page->index, annot);
    return annot != NULL;
}

/* ---- outline ------------------------------------------------------------------------------ */

int eb_pdf_outline_add(eb_pdf *pdf, int parent, const char *title, eb_pdf_page *page, double y) {
    if (!page || page->pdf != pdf || !title || parent < 0 || (size_t)parent > pdf->noutlines)
        return 0;
    eb_pdoc_outline *up = parent ? pdf->outlines[parent - 1] : NULL;
    uint8_t *text;
    size_t len;
    ebi_utf8_to_utf16be(title, strlen(title), true, &text, &len);
    /* a finite /XYZ top on the page */
    double top = isfinite(y) ? page->height - y : page->height;
    top = top < 0 ? 0 : top > page->height ? page->height : top;
    eb_pdoc_outline *entry = ebi_pdoc_outline_create(pdf->backend, up, text, len, page->page, 0, top);
    free(text);
    if (!entry) {
        report(pdf, NULL, "cannot add an outline entry", ebi_pdoc_take_error(pdf->backend));
        return 0;
    }
    if (pdf->noutlines == pdf->outlines_cap) {
        pdf->outlines_cap = pdf->outlines_cap ? 2 * pdf->outlines_cap : 16;
        pdf->outlines = eb_xrealloc(pdf->outlines, pdf->outlines_cap * sizeof *pdf->outlines);
    }
    pdf->outlines[pdf->noutlines++] = entry;
    return (int)pdf->noutlines;
}

/* ---- saving -------------------------------------------------------------------------------- */

/* Moves every page's new content into its content stream. */
static bool flush_pages(eb_pdf *pdf) {
    bool tagged = ebi_tags_count(pdf->tags) > 0;
    for (size_t i = 0; i < pdf->npages; i++) {
        eb_pdf_page *page = pdf->pages[i];
        if (page->content.marked_depth != 0) {
            report(pdf, NULL, "marked content left open on a page", NULL);
            return false;
        }
        if (tagged && page->content.unmarked) {
            report(pdf, NULL, "a tagged document has content outside marked content", NULL);
            return false;
        }
        if (!ebi_pdoc_page_append(pdf->backend, page->page, page->content.buf.data + page->flushed,
                                 page->content.buf.len - page->flushed)) {
            report(pdf, NULL, "cannot write page content", ebi_pdoc_take_error(pdf->backend));
            return false;
        }
        page->flushed = page->content.buf.len;
    }
    return true;
}

/* /ID from the seed and everything drawn: same input, same bytes. */
static void document_id(const eb_pdf *pdf, uint8_t id[16]) {
    eb_hash h;
    ebi_hash_init(&h);
    const owned_options *o = &pdf->options;
    const char *fields[] = {o->id_seed, o->title, o->author, o->subject, o->keywords, o->lang};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) ebi_hash_str(&h, fields[i]);
    for (size_t i = 0; i < pdf->npages; i++) {
        const eb_pdf_page *page = pdf->pages[i];
        ebi_hash_bytes(&h, page->content.buf.data, page->content.buf.len);
        ebi_hash_u32(&h, (uint32_t)llround(page->width * 1000));
        ebi_hash_u32(&h, (uint32_t)llround(page->height * 1000));
    }
    for (size_t i = 0; i < pdf->nfonts; i++) ebi_pdf_font_hash(pdf->fonts[i], &h);
    ebi_tags_hash(pdf->tags, &h);
    ebi_pdf_images_hash(pdf->images, &h);
    ebi_hash_digest(&h, id);
}

/* The directory part of path ("." when there is none). Caller frees. */
static char *directory_of(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return eb_xstrdup(".");
    if (slash == path) return eb_xstrdup("/");
    return eb_xstrndup(path, (size_t)(slash - path));
}

/* Makes a rename durable; failure here loses nothing already written. */
static void sync_directory(const char *dir) {
    int fd = open(dir, O_RDONLY);
    if (fd < 0) return;
    fsync(fd);
    close(fd);
}

/* Writes data to a temporary file beside path, syncs it, renames it over
 * path. On failure removes the temporary and returns errno's message. */
static const char *write_atomically(const char *path, const char *data, size_t len) {
    char *dir = directory_of(path);
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    char *tmp = eb_xasprintf("%s/.%s.XXXXXX", dir, base);
    const char *error = NULL;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error = strerror(errno);
    } else {
        /* mkstemp makes 0600 files; a PDF is for reading: rw-r--r-- */
        bool written = fchmod(fd, 0644) == 0 && eb_write_all(fd, data, len) && fsync(fd) == 0;
        if (!written) error = strerror(errno);
        if (close(fd) != 0 && !error) error = strerror(errno);
        if (!error && rename(tmp, path) != 0) error = strerror(errno);
        if (error) unlink(tmp);
    }
    if (!error) sync_directory(dir);
    free(tmp);
    free(dir);
    return error;
}

static bool finish_fonts(eb_pdf *pdf) {
    bool ok = true;
    for (size_t i = 0; i < pdf->nfonts; i++)
        ok = ebi_pdf_font_finish(pdf->fonts[i], pdf->backend, pdf->diag) && ok;
    return ok;
}

/* The structure tree and the XMP packet, which says whether the document is
 * tagged (pdfuaid). */
static bool write_structure_and_metadata(eb_pdf *pdf) {
    bool tagged = ebi_tags_count(pdf->tags) > 0;
    eb_pdoc_page **pages = eb_xmalloc((pdf->npages + 1) * sizeof *pages);
    for (size_t i = 0; i < pdf->npages; i++) pages[i] = pdf->pages[i]->page;
    bool ok = ebi_tags_write(pdf->tags, pdf->backend, pages, pdf->npages);
    free(pages);
    if (!ok) {
        report(pdf, NULL, "cannot write the structure tree", ebi_pdoc_take_error(pdf->backend));
        return false;
    }
    const owned_options *o = &pdf->options;
    eb_xmp_fields fields = {.title = o->title, .author = o->author, .subject = o->subject,
                            .keywords = o->keywords, .creator = o->creator,
                            .producer = pdf->producer, .lang = o->lang, .source = o->source,
                            .dated = o->dated,
                            .date = o->date, .tagged = tagged};
    if (!ebi_pdfa_metadata(pdf->backend, &pdf->metadata, &fields)) {
        report(pdf, NULL, "cannot write the XMP metadata", ebi_pdoc_take_error(pdf->backend));
        return false;
    }
    return true;
}

bool eb_pdf_save(eb_pdf *pdf, const char *path) {
    if (!path || !*path) {
        report(pdf, NULL, "no output path", NULL);
        return false;
    }
    if (!finish_fonts(pdf) || !flush_pages(pdf) || !write_structure_and_metadata(pdf)) return false;
    uint8_t id[16];
    document_id(pdf, id);
    eb_buf bytes = {0};
    if (!ebi_pdoc_set_id(pdf->backend, id) || !ebi_pdoc_save(pdf->backend, &bytes)) {
        report(pdf, path, "cannot write the document", ebi_pdoc_take_error(pdf->backend));
        eb_buf_destroy(&bytes);
        return false;
    }
    const char *error = write_atomically(path, bytes.data, bytes.len);
    eb_buf_destroy(&bytes);
    if (error) report(pdf, path, "cannot write the file", error);
    return error == NULL;
}
