/* compose: what a brief says, in which language and order, from a small
 * corpus written here (two reviews, one Persian, one Chinese, that describe
 * the same trial): the locale's language first and the original after it,
 * marked; values set into sentences isolated; background apart from the
 * evidence; one row and one count per study; caveats beside the studies;
 * the date of the evidence. (Digits, dates and the locale strings on their
 * own: test_compose_text.c.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "compose.h"
#include "load.h"

#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"

/* Persian, accepted but never published: no date of the evidence. Its
 * limitation is tagged for wound healing only. */
static const char review_fa[] =
    "{\"id\": \"rev-fa\", \"seed\": \"s\", \"language\": \"fa\", \"year\": 2025, \"kind\": \"narrative_review\",\n"
    " \"authors\": [{\"name\": \"پگاه تمیمی\", \"latin\": \"Pegah Tamimi\"}],\n"
    " \"dates\": {\"accepted\": \"2025-12-30\"},\n"
    " \"findings\": [\n"
    "  {\"id\": \"f-trial\", \"indications\": [\"skin-aging\"], \"level\": \"human_trial\", \"refs\": [1],\n"
    "   \"text\": {\"fa\": \"در ۳۰ بیمار چین‌وچروک کاهش یافت.\", \"en\": \"In 30 patients, wrinkles decreased.\",\n"
    "            \"zh-Hans\": \"30 名患者的皱纹减少。\"}},\n"
    "  {\"id\": \"f-uv\", \"indications\": [\"skin-aging\"], \"level\": \"background\",\n"
    "   \"text\": {\"fa\": \"پرتو فرابنفش کلاژن را تخریب می‌کند.\", \"en\": \"UV light degrades collagen.\",\n"
    "            \"zh-Hans\": \"紫外线降解胶原。\"}}],\n"
    " \"human_studies\": [{\"id\": \"hs-park\", \"indications\": [\"skin-aging\"], \"n\": 28, \"refs\": [1],\n"
    "   \"doi\": \"10.1111/JOCD.15872\",\n"
    "   \"design\": {\"fa\": \"کارآزمایی نیمه‌صورت\", \"en\": \"split-face trial\", \"zh-Hans\": \"半脸试验\"}}],\n"
    " \"statements\": [{\"id\": \"l-cost\", \"kind\": \"limitation\", \"indications\": [\"wound-healing-scars\"],\n"
    "   \"text\": {\"fa\": \"هزینه بالاست.\", \"en\": \"The cost is high.\", \"zh-Hans\": \"成本高。\"}},\n"
    "  {\"id\": \"r-fda\", \"kind\": \"regulatory\", \"text\": {\"fa\": \"هیچ فراورده‌ای تأیید FDA ندارد.\",\n"
    "   \"en\": \"No product has FDA approval.\", \"zh-Hans\": \"尚无产品获 FDA 批准。\"}},\n"
    "  {\"id\": \"s-immune\", \"kind\": \"safety\", \"text\": {\"fa\": \"واکنش ایمنی ممکن است.\",\n"
    "   \"en\": \"Immune reactions are possible.\", \"zh-Hans\": \"可能出现免疫反应。\"}}],\n"
    " \"references\": [{\"n\": 1, \"text\": \"Park GH. J Cosmet Dermatol. doi:10.1111/jocd.15872\"}]}\n";

/* Chinese, published: the date of the evidence. Its caveat on the human
 * studies is tagged for skin aging; it describes the same trial. */
static const char review_zh[] =
    "{\"id\": \"rev-zh\", \"seed\": \"s\", \"language\": \"zh-Hans\", \"year\": 2026, \"kind\": \"narrative_review\",\n"
    " \"authors\": [{\"name\": \"项佳妮\", \"latin\": \"Jiani Xiang\"}],\n"
    " \"dates\": {\"accepted\": \"2026-04-20\", \"published\": \"2026-04-09\"},\n"
    " \"findings\": [\n"
    "  {\"id\": \"f-mice\", \"indications\": [\"skin-aging\"], \"level\": \"animal\", \"refs\": [7],\n"
    "   \"text\": {\"zh-Hans\": \"小鼠皱纹减少。\", \"en\": \"In mice, wrinkles decreased.\", \"fa\": \"در موش‌ها چین‌وچروک کاهش یافت.\"}}],\n"
    " \"human_studies\": [\n"
    "  {\"id\": \"hs-park\", \"indications\": [\"skin-aging\"], \"n\": 28, \"refs\": [7], \"doi\": \"10.1111/jocd.15872\",\n"
    "   \"cited_as\": {\"zh-Hans\": \"Park GH 等\", \"en\": \"Park GH et al.\", \"fa\": \"Park GH و همکاران\"},\n"
    "   \"design\": {\"zh-Hans\": \"前瞻性研究\", \"en\": \"prospective study\", \"fa\": \"مطالعهٔ آینده‌نگر\"}},\n"
    "  {\"id\": \"hs-wang\", \"indications\": [\"skin-aging\"], \"n\": 30, \"refs\": [8]}],\n"
    " \"statements\": [{\"id\": \"c-early\", \"kind\": \"conclusion\", \"refs\": [8],\n"
    "   \"text\": {\"zh-Hans\": \"人体证据仍属早期。\", \"en\": \"Human evidence is still early.\",\n"
    "            \"fa\": \"شواهد انسانی هنوز اولیه است.\"}},\n"
    "  {\"id\": \"l-small\", \"kind\": \"limitation\", \"about_human_studies\": true,\n"
    "   \"indications\": [\"skin-aging\"],\n"
    "   \"text\": {\"zh-Hans\": \"样本量小。\", \"en\": \"Samples are small.\", \"fa\": \"نمونه‌ها کوچک‌اند.\"}}],\n"
    " \"references\": [{\"n\": 7, \"text\": \"Park GH. doi:10.1111/jocd.15872\"}, {\"n\": 8, \"text\": \"Wang X.\"}]}\n";

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

/* inputs/: the real vocabulary and the two reviews above. */
static eb_corpus *load_corpus(char *dir) {
    char path[4200], src[4096];
    snprintf(src, sizeof src, "%s/inputs/indications.json", getenv("SRC") ? getenv("SRC") : ".");
    char *vocabulary = NULL;
    size_t len = 0;
    const char *error = NULL;
    CHECK(eb_read_file(src, 1 << 20, &vocabulary, &len, &error));
    snprintf(path, sizeof path, "%s/indications.json", dir);
    write_file(path, vocabulary ? vocabulary : "");
    free(vocabulary);
    snprintf(path, sizeof path, "%s/reviews", dir);
    CHECK(mkdir(path, 0700) == 0);
    snprintf(path, sizeof path, "%s/reviews/rev-fa.json", dir);
    write_file(path, review_fa);
    snprintf(path, sizeof path, "%s/reviews/rev-zh.json", dir);
    write_file(path, review_zh);
    eb_diag *diag = eb_diag_create(NULL);
    eb_load_status status;
    eb_corpus *corpus = eb_corpus_load(dir, diag, &status);
    CHECK(corpus && status == EB_LOAD_OK && corpus->nreviews == 2);
    /* rev-fa shows a study in skin-aging but none of its limitations: the
     * brief then falls back to them (test_evidence_not_inflated) */
    CHECK(eb_diag_count(diag, EB_WARNING) == 1 && eb_diag_count(diag, EB_ERROR) == 0);
    if (eb_diag_message_count(diag) == 1) {
        CHECK_CONTAINS(eb_diag_message(diag, 0), "rev-fa.json:11:54: warning: "
                                                 "the \"skin-aging\" briefs show this human study but none of this "
                                                 "review's limitations");
        CHECK_CONTAINS(eb_diag_message(diag, 0), " [$.human_studies[0].indications[0]]");
    }
    eb_diag_destroy(diag);
    return corpus;
}

static eb_brief *compose(const eb_corpus *corpus, eb_locale locale) {
    long ind = eb_corpus_find_indication(corpus, "skin-aging");
    CHECK(ind >= 0);
    eb_compose_options options = {.build_day = -1};
    return eb_brief_compose(corpus, (size_t)ind, locale, &options);
}

/* The first block of this kind in the section (up to the next level-1
 * heading) whose heading has this text; NULL if none. */
static const eb_block *after_heading(const eb_brief *b, const char *heading, eb_block_kind kind) {
    for (size_t i = 0; i < b->nblocks; i++) {
        if (b->blocks[i].kind != EB_BLOCK_HEADING || !strstr(b->blocks[i].text.text, heading)) continue;
        for (size_t j = i + 1; j < b->nblocks && !(b->blocks[j].kind == EB_BLOCK_HEADING && b->blocks[j].level == 1); j++)
            if (b->blocks[j].kind == kind) return &b->blocks[j];
        return NULL;
    }
    return NULL;
}

static const char *meta(const eb_brief *b, const char *label) {
    for (size_t i = 0; i < b->nblocks; i++)
        if (b->blocks[i].kind == EB_BLOCK_META && strcmp(b->blocks[i].label.text, label) == 0)
            return b->blocks[i].text.text;
    return NULL;
}

static const eb_chart *chart_of(const eb_brief *b) {
    for (size_t i = 0; i < b->nblocks; i++)
        if (b->blocks[i].kind == EB_BLOCK_CHART) return b->blocks[i].chart;
    return NULL;
}

/* Every text of the brief, one per line, to search. */
static char *all_text(const eb_brief *b) {
    eb_buf out = {0};
    for (size_t i = 0; i < b->nblocks; i++) {
        const eb_block *k = &b->blocks[i];
        if (k->text.text) eb_buf_printf(&out, "%s\n", k->text.text);
        for (size_t j = 0; j < k->nbullets; j++)
            eb_buf_printf(&out, "%s\n%s\n%s\n", k->bullets[j].text.text,
                          k->bullets[j].rendering.text ? k->bullets[j].rendering.text : "",
                          k->bullets[j].source ? k->bullets[j].source : "");
        const eb_brief_table *t = k->table;
        for (size_t c = 0; t && c < (t->nheader_rows + t->nbody_rows) * t->ncols; c++) {
            const eb_brief_cell *cell = &t->cells[c];
            if (cell->text.text) eb_buf_printf(&out, "%s\n", cell->text.text);
            for (size_t n = 0; n < cell->nitems; n++) eb_buf_printf(&out, "%s\n", cell->items[n].text);
            if (cell->note.text) eb_buf_printf(&out, "%s\n", cell->note.text);
        }
    }
    eb_buf_puts(&out, "");
    return eb_buf_steal(&out);
}

/* English brief: English first, the original after it, marked; values in
 * labels and sources isolated. */
static void test_english_first(const eb_corpus *corpus) {
    eb_brief *b = compose(corpus, EB_LOCALE_EN);
    const eb_block *findings = after_heading(b, "Findings by review", EB_BLOCK_BULLETS);
    CHECK(findings && findings->nbullets == 1); /* rev-fa's trial; its background is not here */
    if (findings && findings->nbullets) {
        const eb_bullet *f = &findings->bullets[0];
        CHECK_STR(f->text.text, "In 30 patients, wrinkles decreased.");
        CHECK(f->text.lang == EB_LANG_EN && f->rendering.lang == EB_LANG_FA);
        CHECK_STR(f->rendering.text, FSI "Original (Persian):" PDI "\nدر ۳۰ بیمار چین‌وچروک کاهش یافت.");
        CHECK_STR(f->source, "human trial " FSI "[1]" PDI);
    }
    const eb_block *h2 = after_heading(b, "Findings by review", EB_BLOCK_HEADING);
    CHECK(h2 != NULL);
    if (h2) {
        CHECK_STR(h2->text.text, FSI "Pegah Tamimi" PDI ", 2025");
        CHECK_STR(h2->title, "Pegah Tamimi, 2025"); /* the outline has no isolates */
    }
    CHECK_CONTAINS(meta(b, "Translations"), "the editors' translations");
    char *text = all_text(b);
    CHECK(!strstr(text, "as the reviews state"));
    CHECK_CONTAINS(text, "classified by the editors from the review's wording and citations");
    eb_brief_destroy(b);
    free(text);
}

/* Chinese and Persian briefs: their language first, the original marked in
 * theirs; Persian digits in Persian labels. */
static void test_other_locales(const eb_corpus *corpus) {
    eb_brief *zh = compose(corpus, EB_LOCALE_ZH);
    const eb_block *findings = after_heading(zh, "各综述的发现", EB_BLOCK_BULLETS);
    CHECK(findings && findings->nbullets == 1);
    if (findings && findings->nbullets) {
        CHECK_STR(findings->bullets[0].text.text, "30 名患者的皱纹减少。");
        CHECK_STR(findings->bullets[0].rendering.text, FSI "原文（波斯语）：" PDI "\nدر ۳۰ بیمار چین‌وچروک کاهش یافت.");
    }
    eb_brief_destroy(zh);
    eb_brief *fa = compose(corpus, EB_LOCALE_FA);
    findings = after_heading(fa, "یافته‌ها به تفکیک مرور", EB_BLOCK_BULLETS);
    CHECK(findings && findings->nbullets == 1);
    if (findings && findings->nbullets) {
        CHECK_STR(findings->bullets[0].text.text, "در ۳۰ بیمار چین‌وچروک کاهش یافت.");
        CHECK(findings->bullets[0].rendering.text == NULL); /* the original is Persian */
        CHECK_STR(findings->bullets[0].source, "کارآزمایی انسانی " FSI "[۱]" PDI);
    }
    char *text = all_text(fa);
    CHECK_CONTAINS(text, FSI "متن اصلی (چینی):" PDI "\n小鼠皱纹减少。");
    CHECK_CONTAINS(text, FSI "پگاه تمیمی" PDI "، ۲۰۲۵");
    free(text);
    eb_brief_destroy(fa);
}

/* Background is context, never a count; a review's only caveat on its
 * studies stands beside them; a review whose limitation is tagged for
 * another indication is not "none stated". */
static void test_evidence_not_inflated(const eb_corpus *corpus) {
    eb_brief *b = compose(corpus, EB_LOCALE_EN);
    const eb_chart *chart = chart_of(b);
    CHECK(chart && chart->nrows == 2);
    if (chart && chart->nrows == 2) {
        size_t total = 0;
        for (size_t l = 0; l < EB_EVIDENCE_LEVELS; l++) total += chart->rows[0].counts[l];
        CHECK(total == 1 && chart->rows[0].counts[EB_LEVEL_HUMAN_TRIAL] == 1);
        CHECK_STR(chart->legend_title.text, "Evidence type, classified by the editors from the review's wording and citations:");
    }
    const eb_block *context = after_heading(b, "Background from the reviews", EB_BLOCK_BULLETS);
    CHECK(context && context->nbullets == 1);
    if (context && context->nbullets) CHECK_STR(context->bullets[0].text.text, "UV light degrades collagen.");
    const eb_block *caveats = after_heading(b, "The reviews' caveats on these studies", EB_BLOCK_BULLETS);
    CHECK(caveats && caveats->nbullets == 1);
    if (caveats && caveats->nbullets) CHECK_STR(caveats->bullets[0].text.text, "Samples are small.");
    const eb_block *comparison = after_heading(b, "The reviews compared", EB_BLOCK_TABLE);
    CHECK(comparison != NULL);
    if (comparison) {
        const eb_brief_table *t = comparison->table;
        const eb_brief_cell *limits = &t->cells[1 * t->ncols + 4]; /* rev-fa */
        CHECK(limits->nitems == 2);
        if (limits->nitems == 2) {
            CHECK_STR(limits->items[0].text, "The cost is high.");
            CHECK_CONTAINS(limits->items[1].text, "other indications");
        }
    }
    eb_brief_destroy(b);
}

/* The trial both reviews describe (DOI in either case) is one row with
 * both reviews' descriptions, counted once. */
static void test_one_study_one_row(const eb_corpus *corpus) {
    eb_brief *b = compose(corpus, EB_LOCALE_EN);
    const eb_block *studies = after_heading(b, "Human studies", EB_BLOCK_TABLE);
    CHECK(studies && studies->table->nbody_rows == 2);
    if (studies && studies->table->nbody_rows == 2) {
        const eb_brief_table *t = studies->table;
        const eb_brief_cell *who = &t->cells[1 * t->ncols + 0];
        CHECK_CONTAINS(who->text.text, FSI "Pegah Tamimi" PDI ", 2025 " FSI "[1]" PDI);
        CHECK_CONTAINS(who->text.text, "Park GH et al.\n" FSI "Jiani Xiang" PDI ", 2026 " FSI "[7]" PDI);
        const eb_brief_cell *design = &t->cells[1 * t->ncols + 1];
        CHECK(design->nitems == 2); /* the reviews differ: both shown */
        if (design->nitems == 2) {
            CHECK_STR(design->items[0].text, FSI "Pegah Tamimi" PDI ", 2025: split-face trial");
            CHECK_STR(design->items[1].text, FSI "Jiani Xiang" PDI ", 2026: prospective study");
        }
        CHECK_CONTAINS(design->note.text, "کارآزمایی نیمه‌صورت");
        CHECK_CONTAINS(design->note.text, "前瞻性研究");
        CHECK_STR(t->cells[1 * t->ncols + 2].text.text, "28"); /* the same n: once */
    }
    const eb_chart *chart = chart_of(b);
    if (chart && chart->nrows == 2) {
        CHECK_STR(chart->rows[0].trials.text, "n = 28*");
        CHECK_STR(chart->rows[1].trials.text, "n = 28*, 30");
    }
    char *text = all_text(b);
    CHECK_CONTAINS(text, "Distinct human studies: " FSI "2" PDI ". A study marked *");
    free(text);
    eb_brief_destroy(b);
}

/* The date of the evidence is a publication date, never an acceptance. */
static void test_evidence_date(const eb_corpus *corpus) {
    eb_brief *b = compose(corpus, EB_LOCALE_EN);
    CHECK_STR(meta(b, "Date of the evidence"), "9 April 2026 (the newest review: " FSI "Jiani Xiang" PDI
                                               ", 2026); the oldest review: " FSI "Pegah Tamimi" PDI
                                               ", 2025: no date of publication given (year " FSI "2025" PDI ")");
    eb_brief_destroy(b);
}

/* The index of the first level-1 heading with this text, or nblocks. */
static size_t section_start(const eb_brief *b, const char *heading) {
    for (size_t i = 0; i < b->nblocks; i++)
        if (b->blocks[i].kind == EB_BLOCK_HEADING && b->blocks[i].level == 1 && strcmp(b->blocks[i].text.text, heading) == 0)
            return i;
    return b->nblocks;
}

/* Page 1 (issue 15, point 10): the summary's parts, in order, before the
 * chart; every value counted from the model or said to be unreported. */
static void test_summary(const eb_corpus *corpus) {
    eb_brief *b = compose(corpus, EB_LOCALE_EN);
    size_t summary = section_start(b, "Summary for clinicians"), glance = section_start(b, "Evidence at a glance");
    CHECK(summary < glance && glance < b->nblocks);
    const char *parts[] = {"Bottom line: the reviews' key messages", "What the evidence consists of",
                           "Safety and regulation in the reviews' words"};
    size_t at = summary, found = 0;
    for (size_t i = summary; i < glance; i++)
        if (b->blocks[i].kind == EB_BLOCK_HEADING && found < 3 && strcmp(b->blocks[i].text.text, parts[found]) == 0 && i > at) {
            at = i;
            found++;
        }
    CHECK(found == 3);
    /* the bottom line in English only, each message with who says it */
    const eb_block *key = after_heading(b, "Summary for clinicians", EB_BLOCK_BULLETS);
    CHECK(key && key->nbullets == 1 && key->summary);
    if (key && key->nbullets) {
        CHECK_STR(key->bullets[0].text.text, "Human evidence is still early. (" FSI "Jiani Xiang" PDI ", 2026 " FSI "[8]" PDI ")");
        CHECK(key->bullets[0].text.lang == EB_LANG_EN && key->bullets[0].rendering.text == NULL);
    }
    CHECK_STR(meta(b, "Reviews"), FSI "2" PDI ": narrative review (" FSI "2" PDI "); none is a systematic review");
    CHECK_STR(meta(b, "Findings"), FSI "2" PDI " on this indication, by evidence type as classified by the editors "
                                   "(background not counted): human\xC2\xA0trial\xC2\xA0" FSI "1" PDI
                                   ", animal\xC2\xA0" FSI "1" PDI);
    /* Park, described by both reviews, is one study of 28, not two */
    CHECK_STR(meta(b, "Human studies"), FSI "2" PDI " distinct, each counted once, described by " FSI "Pegah Tamimi" PDI
                                        ", 2025, " FSI "Jiani Xiang" PDI ", 2026");
    CHECK_STR(meta(b, "Participants"), "given for " FSI "2" PDI " of " FSI "2" PDI " studies: " FSI "28, 30" PDI " (" FSI
                                       "58" PDI " in all)");
    /* the two reviews' designs of Park side by side; Wang's design unreported */
    CHECK_STR(meta(b, "Designs"), FSI "split-face trial" PDI " / " FSI "prospective study" PDI "; not reported for " FSI "1" PDI);
    CHECK_STR(meta(b, "Follow-up"), "not reported by the reviews");
    CHECK_STR(meta(b, "Regulatory"), "No product has FDA approval. (" FSI "Pegah Tamimi" PDI ", 2025)");
    CHECK_STR(meta(b, "Safety"), "Immune reactions are possible. (" FSI "Pegah Tamimi" PDI ", 2025)");
    /* nothing on page 1 in another language than the brief's */
    for (size_t i = 0; i < glance; i++) {
        const eb_block *k = &b->blocks[i];
        CHECK(!k->text.text || k->text.lang == EB_LANG_EN);
        for (size_t j = 0; j < k->nbullets; j++) CHECK(k->bullets[j].text.lang == EB_LANG_EN && !k->bullets[j].rendering.text);
    }
    /* the original of the key message stands with the findings, marked */
    const eb_block *originals = after_heading(b, "The key messages in the reviews' own words", EB_BLOCK_BULLETS);
    CHECK(originals && originals->nbullets == 1);
    if (originals && originals->nbullets) {
        CHECK_STR(originals->bullets[0].text.text, FSI "Jiani Xiang" PDI ", 2026 " FSI "[8]" PDI);
        CHECK_STR(originals->bullets[0].rendering.text, FSI "Original (Chinese):" PDI "\n人体证据仍属早期。");
    }
    /* the build details are small print at the end, not in the title block */
    CHECK(meta(b, "Translations") != NULL && meta(b, "Inputs digest") == NULL);
    size_t about = section_start(b, "About this brief");
    for (size_t i = 0; i < b->nblocks; i++)
        if (b->blocks[i].kind == EB_BLOCK_META && (strcmp(b->blocks[i].label.text, "Built") == 0 ||
                                                    strcmp(b->blocks[i].label.text, "Language of this brief") == 0))
            CHECK(i > about);
    eb_brief_destroy(b);

    /* Persian: the same in Persian only, the originals' heading absent for
     * a Persian review's message (none here), present for the Chinese one */
    b = compose(corpus, EB_LOCALE_FA);
    glance = section_start(b, "شواهد در یک نگاه");
    CHECK(section_start(b, "خلاصه برای پزشک") < glance && glance < b->nblocks);
    for (size_t i = 0; i < glance; i++) {
        const eb_block *k = &b->blocks[i];
        CHECK(!k->text.text || k->text.lang == EB_LANG_FA);
        for (size_t j = 0; j < k->nbullets; j++) CHECK(k->bullets[j].text.lang == EB_LANG_FA && !k->bullets[j].rendering.text);
    }
    CHECK_STR(meta(b, "شرکت‌کنندگان"), "\xE2\x80\x8F" "برای " FSI "۲" PDI " از " FSI "۲" PDI " مطالعه ذکر شده است: " FSI "۲۸، ۳۰" PDI
                                      " (در مجموع " FSI "۵۸" PDI " نفر)");
    CHECK(after_heading(b, "پیام‌های کلیدی به عبارت خود مرورها", EB_BLOCK_BULLETS) != NULL);
    eb_brief_destroy(b);

    /* Chinese: the message's review is Chinese, so no originals section */
    b = compose(corpus, EB_LOCALE_ZH);
    CHECK(after_heading(b, "要点的综述原文", EB_BLOCK_BULLETS) == NULL);
    const eb_block *zh_key = after_heading(b, "临床摘要", EB_BLOCK_BULLETS);
    CHECK(zh_key && zh_key->nbullets == 1);
    if (zh_key && zh_key->nbullets)
        CHECK_STR(zh_key->bullets[0].text.text, "人体证据仍属早期。（" FSI "项佳妮" PDI "，2026 " FSI "[8]" PDI "）");
    eb_brief_destroy(b);
}

int main(void) {
    char tmpl[] = "/tmp/evbrief-compose-XXXXXX";
    char *dir = mkdtemp(tmpl);
    CHECK(dir != NULL);
    eb_corpus *corpus = dir ? load_corpus(dir) : NULL;
    if (corpus && corpus->nreviews == 2) {
        test_english_first(corpus);
        test_other_locales(corpus);
        test_evidence_not_inflated(corpus);
        test_one_study_one_row(corpus);
        test_evidence_date(corpus);
        test_summary(corpus);
    }
    eb_corpus_destroy(corpus);
    if (dir) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        CHECK(system(cmd) == 0);
    }
    return check_done("test_compose");
}
