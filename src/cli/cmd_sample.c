/* `evbrief sample`: one A4 page that shows what the text engine does with
 * the three languages of the corpus, at every alignment, so that anyone can
 * look at it (pdftoppm -png out/sample.pdf).
 *
 * The texts come from the seed reviews (/work/shared/seeds), repaired as
 * the inputs are: Persian with its zero-width non-joiners restored, Chinese
 * with full-width punctuation. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "layout.h"
#include "options.h"
#include "paths.h"
#include "pdf.h"

static const char sample_usage[] =
    "usage: evbrief sample [--fonts DIR] [--out FILE]\n"
    "Writes a one-page typesetting sample: Persian, Chinese and English\n"
    "paragraphs at every alignment (start, end, center, justified), with\n"
    "headings, a link and bookmarks.\n"
    "  --fonts DIR  the fonts directory with fonts.json (default: PREFIX/share/evbrief/fonts\n"
    "               when installed, else the source tree's fonts/)\n"
    "  --out FILE   the PDF to write, its directories made (default: out/sample.pdf)\n"
    "Exit 0 when written, 2 for a usage error, 3 when fonts cannot be read or\n"
    "the file cannot be written.\n";

/* A4 in points, and the text column. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 48.0
#define COLUMN (PAGE_W - 2 * MARGIN)

#define INK 0x1A1A1A
#define ACCENT 0x1F4E79
#define MUTED 0x6B6B6B
#define RULE 0xB8C4D0

typedef enum { BLOCK_HEADING, BLOCK_CAPTION, BLOCK_TEXT } block_kind;

typedef struct {
    block_kind kind;
    const char *lang;
    eb_align align;
    const char *text;
    const char *outline;  /* headings: the bookmark title */
} block;

static const block sample_blocks[] = {
    {BLOCK_HEADING, "fa", EB_ALIGN_START, "فارسی · Persian", "فارسی · Persian"},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "justified, right to left — Tamimi 2025 (seed 000)", NULL},
    {BLOCK_TEXT, "fa", EB_ALIGN_JUSTIFY,
     "اگزوزوم‌ها به‌ویژه از منابعی مانند سلول‌های بنیادی مشتق از بافت چربی (ADSC) و سلول‌های "
     "بنیادی بند ناف انسانی (hUCMSC) توانسته‌اند تأثیرات مثبتی در کاهش آسیب‌های ناشی از UV و "
     "افزایش تولید کلاژن در پوست داشته باشند. میکروRNAهای موجود در اگزوزوم‌ها مانند miR-1246 و "
     "miR-29b-3p به کاهش تخریب کلاژن و تحریک تولید پروتئین‌های ساختاری پوست کمک می‌کنند.", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "start (right)", NULL},
    {BLOCK_TEXT, "fa", EB_ALIGN_START,
     "اگزوزوم‌ها از نظر اندازه در حدود ۳۰ تا ۱۵۰ نانومتر هستند و در انواع مختلفی از بافت‌ها و "
     "مایعات بدن مانند خون، ادرار و لنف یافت می‌شوند.", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "end (left)", NULL},
    {BLOCK_TEXT, "fa", EB_ALIGN_END,
     "تاکنون هیچ فرآورده اگزوزومی تأییدیه سازمان غذا و داروی آمریکا (FDA) را به‌عنوان داروی "
     "رسمی دریافت نکرده است.", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "center", NULL},
    {BLOCK_TEXT, "fa", EB_ALIGN_CENTER,
     "مروری جامع بر اگزوزوم‌تراپی در پوست، زیبایی و پزشکی بالینی", NULL},

    {BLOCK_HEADING, "zh-Hans", EB_ALIGN_START, "中文 · Chinese", "中文 · Chinese"},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "justified — He 2026 (seed 002)", NULL},
    {BLOCK_TEXT, "zh-Hans", EB_ALIGN_JUSTIFY,
     "皮肤作为人体抵御外界刺激的第一道防线，易受紫外线（Ultraviolet，UV）辐射、空气污染物、"
     "寒冷及风力等外界刺激的影响，进而发生皮肤损伤并诱导老化进程，其中UV辐射是诱发皮肤光老化的"
     "首要核心因素。太阳照射到地球表面的UV辐射包括UVA（320–400 nm）、UVB（280–320 nm）和"
     "UVC（100–280 nm），仅有UVA和UVB射线能到达地球。", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "start — web evidence summary 2026 (seed 003)", NULL},
    {BLOCK_TEXT, "zh-Hans", EB_ALIGN_START,
     "细胞外囊泡（extracellular vesicles，EVs）是细胞主动释放到细胞外空间的膜性颗粒的统称，"
     "外泌体是其中粒径最小的一类（30–150 nm），由多囊体与细胞膜融合后出胞形成。", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "center", NULL},
    {BLOCK_TEXT, "zh-Hans", EB_ALIGN_CENTER,
     "值得注意的是，外泌体具有双重角色——它既可能介导年轻化信号，也可能传播衰老相关分泌表型"
     "（SASP）等有害信号……", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "end", NULL},
    {BLOCK_TEXT, "zh-Hans", EB_ALIGN_END,
     "《Nature Aging》2024年发表的小鼠实验显示，年轻小鼠血浆来源的小型细胞外囊泡可改善多组织衰老表型。", NULL},

    {BLOCK_HEADING, "en", EB_ALIGN_START, "English", "English"},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "justified — Haykal et al. 2025 (seed 001)", NULL},
    {BLOCK_TEXT, "en", EB_ALIGN_JUSTIFY,
     "Exosomes are small extracellular vesicles (30–150 nm in size) that play a critical role in "
     "cellular communication, transporting proteins, lipids, and nucleic acids between cells. "
     "This literature review focuses on evaluating the potential benefits and limitations of "
     "exosomes in skin rejuvenation, hair restoration, and pigmentation disorders.", NULL},
    {BLOCK_CAPTION, "en", EB_ALIGN_START, "center, end, start", NULL},
    {BLOCK_TEXT, "en", EB_ALIGN_CENTER, "No exosome product is FDA-approved for these uses.", NULL},
    {BLOCK_TEXT, "en", EB_ALIGN_END, "Mixed: «miR-1246 در اگزوزوم‌ها» and 外泌体 in one line.", NULL},
};

/* The reference line with a DOI link, drawn last. */
static const char reference_text[] =
    "Haykal D, Wyles S, Garibyan L, Cartier H, Gold M. J Drugs Dermatol. 2025;24(1):12–18. "
    "doi:10.36849/JDD.8872";
static const char reference_doi[] = "doi:10.36849/JDD.8872";

typedef struct {
    eb_fontset *fonts;
    eb_pdf *pdf;
    eb_pdf_page *page;
    eb_diag *diag;
    double y;  /* top of the next block, pt from the page top */
} sample_writer;

static eb_text_style style_for(const block *b) {
    eb_text_style style = {
        .family = EB_FAMILY_SERIF, .size = 10.5, .lang = b->lang, .align = b->align,
        .color = INK, .origin = "evbrief sample",
    };
    if (strcmp(b->lang, "fa") == 0) style.size = 12;
    if (b->kind == BLOCK_HEADING) {
        style.family = EB_FAMILY_SANS;
        style.bold = true;
        style.size = 13;
        style.color = ACCENT;
    } else if (b->kind == BLOCK_CAPTION) {
        style.family = EB_FAMILY_SANS;
        style.size = 7.5;
        style.color = MUTED;
    }
    return style;
}

/* Lays out and draws text at the writer's position; returns its height. */
static double draw_text(sample_writer *w, const char *text, const eb_text_style *style) {
    eb_para *para = eb_layout_paragraph(w->fonts, text, strlen(text), style, COLUMN, w->diag);
    if (!para) return 0;
    eb_pdf_draw_para(w->page, para, MARGIN, w->y);
    double height = para->height;
    eb_para_free(para);
    return height;
}

static void draw_block(sample_writer *w, const block *b) {
    eb_text_style style = style_for(b);
    if (b->kind == BLOCK_HEADING) {
        w->y += 8;
        eb_pdf_outline_add(w->pdf, 0, b->outline, w->page, w->y);
    }
    w->y += draw_text(w, b->text, &style);
    if (b->kind == BLOCK_HEADING) {
        eb_pdf_stroke_line(w->page, MARGIN, w->y + 1, PAGE_W - MARGIN, w->y + 1, 0.6, RULE);
        w->y += 5;
    } else if (b->kind == BLOCK_TEXT) {
        w->y += 4;
    }
}

static void draw_title(sample_writer *w) {
    block title = {BLOCK_HEADING, "en", EB_ALIGN_CENTER, "evbrief — typesetting sample", NULL};
    eb_text_style style = style_for(&title);
    style.size = 17;
    w->y += draw_text(w, title.text, &style);
    block sub = {BLOCK_CAPTION, "en", EB_ALIGN_CENTER,
                 "HarfBuzz shaping · FriBidi · UAX #14 with clreq · subset CID fonts with ToUnicode", NULL};
    style = style_for(&sub);
    style.size = 8.5;
    w->y += draw_text(w, sub.text, &style) + 2;
}

/* The reference with its DOI as a link, then the footer as page furniture. */
static void draw_reference_and_footer(sample_writer *w) {
    block ref = {BLOCK_TEXT, "en", EB_ALIGN_START, reference_text, NULL};
    eb_text_style style = style_for(&ref);
    style.size = 8.5;
    style.color = ACCENT;
    double top = w->y + 6;
    w->y = top;
    double height = draw_text(w, reference_text, &style);
    eb_pdf_link(w->page, MARGIN, top, COLUMN, height, reference_doi);

    block footer = {BLOCK_CAPTION, "en", EB_ALIGN_CENTER, "evbrief sample · 1 / 1", NULL};
    style = style_for(&footer);
    w->y = PAGE_H - MARGIN + 12;
    eb_pdf_begin_artifact(w->page);
    draw_text(w, footer.text, &style);
    eb_pdf_end_marked(w->page);
}

static bool write_sample(eb_fontset *fonts, const char *out, eb_diag *diag) {
    eb_pdf_options options = {
        .title = "evbrief typesetting sample — نمونه حروف‌چینی — 排版样张",
        .author = "evbrief",
        .subject = "Persian, Chinese and English set by the evbrief text engine",
        .keywords = "typesetting, Persian, Chinese, HarfBuzz, FriBidi",
        .lang = "en",
        .id_seed = "evbrief sample",
    };
    eb_pdf *pdf = eb_pdf_new(fonts, &options, diag);
    if (!pdf) return false;
    sample_writer w = {.fonts = fonts, .pdf = pdf, .diag = diag, .y = MARGIN};
    w.page = eb_pdf_add_page(pdf, PAGE_W, PAGE_H);
    bool ok = w.page != NULL;
    if (ok) {
        draw_title(&w);
        for (size_t i = 0; i < sizeof sample_blocks / sizeof *sample_blocks; i++)
            draw_block(&w, &sample_blocks[i]);
        draw_reference_and_footer(&w);
        ok = eb_make_parent_directories("sample", out) && eb_pdf_save(pdf, out);
    }
    eb_pdf_free(pdf);
    return ok;
}

int eb_cmd_sample(int argc, char **argv) {
    const char *fonts_dir = NULL;
    const char *out = "out/sample.pdf";
    bool help = false;
    const eb_option options[] = {{"--fonts", true, &fonts_dir, NULL}, {"--out", true, &out, NULL}, {0}};
    if (!eb_parse_options(argc, argv, options, &help)) {
        fputs(sample_usage, stderr);
        return EB_EXIT_USAGE;
    }
    if (help) {
        fputs(sample_usage, stdout);
        return EB_EXIT_OK;
    }
    if (!*out) {
        fprintf(stderr, "evbrief sample: --out needs a file name\n");
        return EB_EXIT_USAGE;
    }
    char *fonts_found = eb_find_fonts(fonts_dir);
    eb_print_paths(NULL, fonts_found, out);
    eb_diag *diag = eb_diag_new(stderr);
    eb_font_list font_list;
    eb_fontset *fonts = eb_open_fonts(fonts_found, &font_list, diag);
    eb_font_list_free(&font_list);
    bool ok = fonts && write_sample(fonts, out, diag);
    if (ok) printf("wrote %s\n", out);
    eb_fontset_free(fonts);
    eb_diag_free(diag);
    free(fonts_found);
    return ok ? EB_EXIT_OK : EB_EXIT_IO;
}
