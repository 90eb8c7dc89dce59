/* Image XObjects: an eb_image becomes one /Subtype /Image stream of 8-bit
 * DeviceRGB samples and, when it has alpha, a DeviceGray soft mask
 * (/SMask), both Flate-compressed; each image once per document, however
 * many times it is drawn. PDF/A-2 allows soft masks in images (ISO 19005-2,
 * 6.4); the output intent gives DeviceRGB its meaning, and no /Interpolate,
 * /Alternates or /OPI is written (6.2.8). */
#include <math.h>
#include <stdlib.h>

#include "pdf_internal.h"

typedef struct {
    const eb_image *image;
    eb_pobj *xobject;
} embedded;

struct eb_pdf_images {
    embedded *items;
    size_t n, cap;
};

eb_pdf_images *ebi_pdf_images_create(void) { return eb_xcalloc(1, sizeof(eb_pdf_images)); }

void ebi_pdf_images_destroy(eb_pdf_images *images) {
    if (!images) return;
    free(images->items);
    free(images);
}

/* PDF integers are 32-bit (PDF 1.7, annex C). */
static bool fits_int(size_t v) { return v > 0 && v <= 0x7FFFFFFF; }

/* One image stream: samples, the size and colour space. */
static eb_pobj *sample_stream(eb_pdoc *doc, const eb_image *image, const uint8_t *samples, size_t channels,
                              const char *space) {
    eb_pobj *s = ebi_pdoc_new_stream(doc, true);
    bool ok = s && ebi_pdoc_put_name(doc, s, "Type", "XObject") && ebi_pdoc_put_name(doc, s, "Subtype", "Image") &&
              ebi_pdoc_put_int(doc, s, "Width", (int)image->width) &&
              ebi_pdoc_put_int(doc, s, "Height", (int)image->height) &&
              ebi_pdoc_put_name(doc, s, "ColorSpace", space) && ebi_pdoc_put_int(doc, s, "BitsPerComponent", 8) &&
              ebi_pdoc_stream_set(doc, s, samples, image->width * image->height * channels);
    return ok ? s : NULL;
}

static eb_pobj *make_xobject(eb_pdoc *doc, const eb_image *image) {
    if (!image->rgb || !fits_int(image->width) || !fits_int(image->height)) return NULL;
    eb_pobj *xobject = sample_stream(doc, image, image->rgb, 3, "DeviceRGB");
    if (!xobject || !image->alpha) return xobject;
    eb_pobj *mask = sample_stream(doc, image, image->alpha, 1, "DeviceGray");
    return mask && ebi_pdoc_put_obj(doc, xobject, "SMask", mask) ? xobject : NULL;
}

eb_pobj *ebi_pdf_image_xobject(eb_pdf_images *images, eb_pdoc *doc, const eb_image *image) {
    for (size_t i = 0; i < images->n; i++)
        if (images->items[i].image == image) return images->items[i].xobject;
    eb_pobj *xobject = make_xobject(doc, image);
    if (!xobject) return NULL;
    if (images->n == images->cap) {
        images->cap = images->cap ? 2 * images->cap : 4;
        images->items = eb_xrealloc(images->items, images->cap * sizeof *images->items);
    }
    images->items[images->n++] = (embedded){image, xobject};
    return xobject;
}

void ebi_pdf_images_hash(const eb_pdf_images *images, eb_hash *h) {
    for (size_t i = 0; i < images->n; i++) {
        const eb_image *image = images->items[i].image;
        size_t pixels = image->width * image->height;
        ebi_hash_u32(h, (uint32_t)image->width);
        ebi_hash_u32(h, (uint32_t)image->height);
        ebi_hash_bytes(h, image->rgb, pixels * 3);
        if (image->alpha) ebi_hash_bytes(h, image->alpha, pixels);
    }
}

void eb_pdf_draw_image(eb_pdf_page *page, const eb_image *image, double x, double y, double w, double h) {
    if (!page || !image || !isfinite(x) || !isfinite(y) || !(w > 0 && w < 1e6) || !(h > 0 && h < 1e6)) return;
    eb_pdoc *doc = ebi_pdf_backend(page->pdf);
    eb_pobj *xobject = ebi_pdf_image_xobject(ebi_pdf_images_of(page->pdf), doc, image);
    const char *name = xobject ? ebi_pdoc_page_xobject_name(doc, page->page, xobject) : NULL;
    if (!name) {
        eb_diag_report(ebi_pdf_diag(page->pdf), EB_ERROR, (eb_location){0}, "PDF: cannot embed an image: %s",
                       ebi_pdoc_take_error(doc));
        return;
    }
    eb_content *c = &page->content;
    ebi_content_note_drawing(c);
    ebi_content_raw(c, "q\n");
    /* the image's unit square onto the box, PDF's y upwards */
    ebi_content_op(c, "cm", 6, (double[]){w, 0, 0, h, x, page->height - y - h});
    eb_buf op = {0};
    eb_buf_printf(&op, "/%s Do\nQ\n", name);
    ebi_content_raw(c, eb_buf_cstr(&op));
    eb_buf_destroy(&op);
}
