/* `evbrief sample`: one A4 page that shows what the text engine does with
 * the three languages of the corpus, at every alignment, so that anyone can
 * look at it (pdftoppm -png out/sample.pdf).
 *
 * The texts come from the seed reviews (/work/shared/seeds), repaired as
 * the inputs are: Persian with its zero-width non-joiners restored, Chinese
 * with full-width punctuation. The page is laid out by the layout stage
 * (eb_plan_sample) and drawn from its plan by the PDF stage, as a brief is:
 * this file holds only the words. */
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "options.h"
#include "pages.h"
#include "paths.h"
#include "pdf.h"
#include "render.h"

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

static const eb_sample_block sample_blocks[] = {
    {EB_SAMPLE_TITLE, "en", EB_ALIGN_CENTER, "evbrief — typesetting sample", NULL},
    {EB_SAMPLE_SUBTITLE, "en", EB_ALIGN_CENTER,
     "HarfBuzz shaping · FriBidi · UAX #14 with clreq · subset CID fonts with ToUnicode", NULL},
    {EB_SAMPLE_HEADING, "fa", EB_ALIGN_START, "فارسی · Persian", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "justified, right to left — Tamimi 2025 (seed 000)", NULL},
    {EB_SAMPLE_TEXT, "fa", EB_ALIGN_JUSTIFY,
     "اگزوزوم‌ها به‌ویژه از منابعی مانند سلول‌های بنیادی مشتق از بافت چربی (ADSC) و سلول‌های "
     "بنیادی بند ناف انسانی (hUCMSC) توانسته‌اند تأثیرات مثبتی در کاهش آسیب‌های ناشی از UV و "
     "افزایش تولید کلاژن در پوست داشته باشند. میکروRNAهای موجود در اگزوزوم‌ها مانند miR-1246 و "
     "miR-29b-3p به کاهش تخریب کلاژن و تحریک تولید پروتئین‌های ساختاری پوست کمک می‌کنند.", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "start (right)", NULL},
    {EB_SAMPLE_TEXT, "fa", EB_ALIGN_START,
     "اگزوزوم‌ها از نظر اندازه در حدود ۳۰ تا ۱۵۰ نانومتر هستند و در انواع مختلفی از بافت‌ها و "
     "مایعات بدن مانند خون، ادرار و لنف یافت می‌شوند.", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "end (left)", NULL},
    {EB_SAMPLE_TEXT, "fa", EB_ALIGN_END,
     "تاکنون هیچ فرآورده اگزوزومی تأییدیه سازمان غذا و داروی آمریکا (FDA) را به‌عنوان داروی "
     "رسمی دریافت نکرده است.", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "center", NULL},
    {EB_SAMPLE_TEXT, "fa", EB_ALIGN_CENTER,
     "مروری جامع بر اگزوزوم‌تراپی در پوست، زیبایی و پزشکی بالینی", NULL},

    {EB_SAMPLE_HEADING, "zh-Hans", EB_ALIGN_START, "中文 · Chinese", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "justified — He 2026 (seed 002)", NULL},
    {EB_SAMPLE_TEXT, "zh-Hans", EB_ALIGN_JUSTIFY,
     "皮肤作为人体抵御外界刺激的第一道防线，易受紫外线（Ultraviolet，UV）辐射、空气污染物、"
     "寒冷及风力等外界刺激的影响，进而发生皮肤损伤并诱导老化进程，其中UV辐射是诱发皮肤光老化的"
     "首要核心因素。太阳照射到地球表面的UV辐射包括UVA（320–400 nm）、UVB（280–320 nm）和"
     "UVC（100–280 nm），仅有UVA和UVB射线能到达地球。", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "start — web evidence summary 2026 (seed 003)", NULL},
    {EB_SAMPLE_TEXT, "zh-Hans", EB_ALIGN_START,
     "细胞外囊泡（extracellular vesicles，EVs）是细胞主动释放到细胞外空间的膜性颗粒的统称，"
     "外泌体是其中粒径最小的一类（30–150 nm），由多囊体与细胞膜融合后出胞形成。", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "center", NULL},
    {EB_SAMPLE_TEXT, "zh-Hans", EB_ALIGN_CENTER,
     "值得注意的是，外泌体具有双重角色——它既可能介导年轻化信号，也可能传播衰老相关分泌表型"
     "（SASP）等有害信号……", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "end", NULL},
    {EB_SAMPLE_TEXT, "zh-Hans", EB_ALIGN_END,
     "《Nature Aging》2024年发表的小鼠实验显示，年轻小鼠血浆来源的小型细胞外囊泡可改善多组织衰老表型。", NULL},

    {EB_SAMPLE_HEADING, "en", EB_ALIGN_START, "English", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "justified — Haykal et al. 2025 (seed 001)", NULL},
    {EB_SAMPLE_TEXT, "en", EB_ALIGN_JUSTIFY,
     "Exosomes are small extracellular vesicles (30–150 nm in size) that play a critical role in "
     "cellular communication, transporting proteins, lipids, and nucleic acids between cells. "
     "This literature review focuses on evaluating the potential benefits and limitations of "
     "exosomes in skin rejuvenation, hair restoration, and pigmentation disorders.", NULL},
    {EB_SAMPLE_CAPTION, "en", EB_ALIGN_START, "center, end, start", NULL},
    {EB_SAMPLE_TEXT, "en", EB_ALIGN_CENTER, "No exosome product is FDA-approved for these uses.", NULL},
    {EB_SAMPLE_TEXT, "en", EB_ALIGN_END, "Mixed: «miR-1246 در اگزوزوم‌ها» and 外泌体 in one line.", NULL},
    /* a reference whose DOI is a link */
    {EB_SAMPLE_REFERENCE, "en", EB_ALIGN_START,
     "Haykal D, Wyles S, Garibyan L, Cartier H, Gold M. J Drugs Dermatol. 2025;24(1):12–18. "
     "doi:10.36849/JDD.8872", "doi:10.36849/JDD.8872"},
    {EB_SAMPLE_FOOTER, "en", EB_ALIGN_CENTER, "evbrief sample · 1 / 1", NULL},
};

/* The sample's plan, drawn like any brief's. */
static bool write_sample(eb_fontset *fonts, const char *out, eb_diag *diag) {
    eb_pdf_options options = {
        .title = "evbrief typesetting sample — نمونه حروف‌چینی — 排版样张",
        .author = "evbrief",
        .subject = "Persian, Chinese and English set by the evbrief text engine",
        .keywords = "typesetting, Persian, Chinese, HarfBuzz, FriBidi",
        .lang = "en",
        .id_seed = "evbrief sample",
    };
    eb_doc_plan *plan = eb_plan_sample(fonts, sample_blocks, sizeof sample_blocks / sizeof *sample_blocks,
                                       options.lang, diag);
    eb_pdf *pdf = eb_pdf_create(fonts, &options, diag);
    bool ok = pdf && eb_render_plan(pdf, plan) && ebi_make_parent_directories("sample", out) &&
              eb_pdf_save(pdf, out);
    eb_pdf_destroy(pdf);
    eb_plan_destroy(plan);
    return ok;
}

int ebi_cmd_sample(int argc, char **argv) {
    const char *fonts_dir = NULL;
    const char *out = "out/sample.pdf";
    bool help = false;
    const eb_option options[] = {{"--fonts", true, &fonts_dir, NULL}, {"--out", true, &out, NULL}, {0}};
    if (!ebi_parse_options(argc, argv, options, &help)) {
        fputs(sample_usage, stderr);
        return EB_EXIT_USAGE;
    }
    if (help) {
        fputs(sample_usage, stdout);
        return EB_EXIT_OK;
    }
    if (!*out) {
        ebi_cli_error("sample", "--out needs a file name");
        return EB_EXIT_USAGE;
    }
    char *fonts_found = ebi_find_fonts(fonts_dir);
    ebi_print_paths(NULL, fonts_found, out);
    eb_diag *diag = ebi_cli_diag("sample");
    eb_font_list font_list;
    eb_fontset *fonts = ebi_fonts_open(fonts_found, &font_list, diag);
    eb_font_list_destroy(&font_list);
    bool ok = fonts && write_sample(fonts, out, diag);
    if (ok) printf("wrote %s\n", out);
    eb_fontset_destroy(fonts);
    eb_diag_destroy(diag);
    free(fonts_found);
    return ok ? EB_EXIT_OK : EB_EXIT_IO;
}
