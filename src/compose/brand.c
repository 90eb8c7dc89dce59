/* A clinic's branding in a brief (inputs/brand.json, docs/briefs.md):
 * its logo, name and contact line as a letterhead above the title; the
 * contact line again at the foot of every page; its disclaimer after the
 * brief's own; the PDF author and the indication's keywords. All in the
 * brief's language: the loader makes sure every text has it. */
#include <string.h>

#include "compose_internal.h"

static const eb_brand *brand_of(const eb_composer *c) { return c->corpus->brand; }

static eb_span in_locale(const eb_composer *c, const eb_text *text) {
    return ebi_label(c->brief->locale, text->s[eb_locale_lang(c->brief->locale)]);
}

void ebi_compose_letterhead(eb_composer *c) {
    const eb_brand *brand = brand_of(c);
    if (!brand) return;
    eb_block *head = ebi_add_block(c, EB_BLOCK_BRAND);
    head->text = in_locale(c, &brand->organisation);
    head->label = in_locale(c, &brand->contact);
    if (brand->logo.width) {
        head->image = &brand->logo;
        head->alt = brand->logo_alt.s[eb_locale_lang(c->brief->locale)];
    }
}

/* The built-in keywords of the locale, then the clinic's for this
 * indication, in the locale's list separator. */
static const char *keywords(const eb_composer *c, const eb_brand *brand) {
    const eb_string_list *extra = &brand->keywords[c->indication];
    if (!extra->n) return c->s->keywords;
    eb_buf buf = {0};
    eb_buf_puts(&buf, c->s->keywords);
    for (size_t i = 0; i < extra->n; i++) eb_buf_printf(&buf, "%s%s", c->s->list_separator, extra->items[i]);
    const char *all = eb_arena_strdup(c->brief->arena, eb_buf_cstr(&buf));
    eb_buf_destroy(&buf);
    return all;
}

void ebi_brand_metadata(eb_composer *c) {
    const eb_brand *brand = brand_of(c);
    if (!brand) return;
    eb_brief *b = c->brief;
    b->author = brand->author ? brand->author : in_locale(c, &brand->organisation).text;
    b->keywords = keywords(c, brand);
    b->footer_note = in_locale(c, &brand->contact);
}

void ebi_compose_brand_disclaimer(eb_composer *c) {
    const eb_brand *brand = brand_of(c);
    if (brand) ebi_add_paragraph(c, EB_BLOCK_NOTE, in_locale(c, &brand->disclaimer));
}
