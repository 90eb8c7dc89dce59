/* The clinic's letterhead above a brief's title: the logo at the page's
 * start edge (a Figure with the logo's alternative text), the clinic's
 * name and contact line beside it; and the contact line in every page's
 * footer, as page furniture. See docs/briefs.md. */
#include "pages_internal.h"

/* A logo is printed this tall, or narrower when that would make it wider
 * than LOGO_MAX_W: 40 pt is 14 mm, a letterhead's size. */
#define LOGO_H 40.0
#define LOGO_MAX_W 150.0
#define LOGO_GAP 10.0

/* The logo's box: its aspect kept, within LOGO_H x LOGO_MAX_W. */
static void logo_size(const eb_image *image, double *w, double *h) {
    *h = LOGO_H;
    *w = LOGO_H * (double)image->width / (double)image->height;
    if (*w > LOGO_MAX_W) {
        *h *= LOGO_MAX_W / *w;
        *w = LOGO_MAX_W;
    }
}

static void place_logo(eb_flow *f, const eb_block *b, double w, double h) {
    long figure = ebi_flow_element(f, EB_ROLE_FIGURE, f->root, NULL);
    eb_plan_element_edit(f->plan, figure)->alt = b->alt;
    eb_op *op = ebi_flow_op(f, EB_OP_IMAGE, figure);
    op->x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), 0, w);
    op->y = f->y;
    op->w = w;
    op->h = h;
    op->image = b->image;
}

void ebi_place_letterhead(eb_flow *f, const eb_block *b) {
    double logo_w = 0, logo_h = 0;
    if (b->image) logo_size(b->image, &logo_w, &logo_h);
    double indent = b->image ? logo_w + LOGO_GAP : 0;
    double width = ebi_flow_width(f) - indent;
    eb_para *name = ebi_flow_para(f, ST_H2, b->text, width);
    eb_para *contact = b->label.text ? ebi_flow_para(f, ST_META_VALUE, b->label, width) : NULL;
    double text_h = name->height + (contact ? 2 + contact->height : 0);
    double height = text_h > logo_h ? text_h : logo_h;
    double top = f->y;
    if (b->image) place_logo(f, b, logo_w, logo_h);
    /* the name and contact centred on the logo's height */
    double text_top = top + (height - text_h) / 2;
    double x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, name->width);
    ebi_flow_text(f, name, 0, name->nlines, x, text_top, ebi_flow_element(f, EB_ROLE_P, f->root, NULL));
    if (contact) {
        x = ebi_flow_x(f, ebi_flow_left(f), ebi_flow_right(f), indent, contact->width);
        ebi_flow_text(f, contact, 0, contact->nlines, x, text_top + name->height + 2,
                     ebi_flow_element(f, EB_ROLE_P, f->root, NULL));
    }
    f->y = top + height + 14;
}

void ebi_place_footer_note(eb_flow *f, eb_span note, double y) {
    double left = ebi_flow_left(f), width = ebi_flow_right(f) - left;
    eb_para *p = ebi_flow_para_aligned(f, ST_FURNITURE, note, width, EB_ALIGN_CENTER);
    ebi_flow_text(f, p, 0, p->nlines, left, y, EB_NO_ELEMENT);
}
