/* PDF/A-2u (ISO 19005-2, level U) entries: the XMP metadata packet that
 * mirrors the document information dictionary, the dates in both forms,
 * and the sRGB output intent that gives DeviceRGB colours a meaning.
 *
 * XMP and /Info must agree (ISO 19005-2, 6.6.3): dc:title, dc:creator,
 * dc:description, pdf:Keywords, pdf:Producer and xmp:CreatorTool are the
 * same texts as /Title, /Author, /Subject, /Keywords, /Producer and
 * /Creator, and the dates the same instants. There is no wall clock here:
 * dates are written only when the caller gives one. pdfuaid:part is not a
 * schema PDF/A-2 knows, so the packet describes it in a PDF/A extension
 * schema. */
#include <stdio.h>
#include <string.h>

#include "pdf_internal.h"

/* ---- dates ------------------------------------------------------------------------ */

typedef struct {
    long long year;
    int month, day, hour, minute, second;
} civil_time;

/* Days since 1970-01-01 -> proleptic Gregorian date (H. Hinnant's
 * civil_from_days), so no time zone or C library table is involved. */
static civil_time civil_from_seconds(long long seconds) {
    /* years 0000 to 9999: what both date formats can write */
    const long long lo = -62167219200LL, hi = 253402300799LL;
    if (seconds < lo) seconds = lo;
    if (seconds > hi) seconds = hi;
    long long days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        days--;
    }
    days += 719468;
    long long era = (days >= 0 ? days : days - 146096) / 146097;
    long long doe = days - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    civil_time t;
    t.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    t.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    t.year = yoe + era * 400 + (t.month <= 2);
    t.hour = (int)(rest / 3600);
    t.minute = (int)(rest / 60 % 60);
    t.second = (int)(rest % 60);
    return t;
}

void ebi_pdf_date(long long seconds, char out[64]) {
    civil_time t = civil_from_seconds(seconds);
    snprintf(out, 64, "D:%04lld%02d%02d%02d%02d%02d+00'00'", t.year, t.month, t.day, t.hour,
             t.minute, t.second);
}

void ebi_xmp_date(long long seconds, char out[64]) {
    civil_time t = civil_from_seconds(seconds);
    snprintf(out, 64, "%04lld-%02d-%02dT%02d:%02d:%02dZ", t.year, t.month, t.day, t.hour, t.minute,
             t.second);
}

/* ---- the XMP packet ------------------------------------------------------------------ */

/* Text as XML character data: markup escaped, characters XML 1.0 does not
 * allow (most C0 controls, invalid UTF-8) left out. */
static void put_xml(eb_buf *out, const char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t step = eb_utf8_decode(s + i, n - i, &cp);
        if (step == 0) {
            i++;
            continue;
        }
        if (cp == '&') eb_buf_puts(out, "&amp;");
        else if (cp == '<') eb_buf_puts(out, "&lt;");
        else if (cp == '>') eb_buf_puts(out, "&gt;");
        else if (cp == '"') eb_buf_puts(out, "&quot;");
        else if (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r')
            if (cp != 0xFFFE && cp != 0xFFFF) eb_buf_append(out, s + i, step);
        i += step;
    }
}

static void simple(eb_buf *out, const char *property, const char *value) {
    if (!value) return;
    eb_buf_printf(out, "   <%s>", property);
    put_xml(out, value);
    eb_buf_printf(out, "</%s>\n", property);
}

/* A language alternative: the default and, when known, the same text in
 * the document's language. */
static void lang_alt(eb_buf *out, const char *property, const char *value, const char *lang) {
    if (!value) return;
    eb_buf_printf(out, "   <%s><rdf:Alt>\n    <rdf:li xml:lang=\"x-default\">", property);
    put_xml(out, value);
    eb_buf_puts(out, "</rdf:li>\n");
    if (lang && *lang) {
        eb_buf_puts(out, "    <rdf:li xml:lang=\"");
        put_xml(out, lang);
        eb_buf_puts(out, "\">");
        put_xml(out, value);
        eb_buf_puts(out, "</rdf:li>\n");
    }
    eb_buf_printf(out, "   </rdf:Alt></%s>\n", property);
}

static void list_of_one(eb_buf *out, const char *property, const char *kind, const char *value) {
    if (!value) return;
    eb_buf_printf(out, "   <%s><rdf:%s><rdf:li>", property, kind);
    put_xml(out, value);
    eb_buf_printf(out, "</rdf:li></rdf:%s></%s>\n", kind, property);
}

static const char pdfua_extension[] =
    "  <rdf:Description rdf:about=\"\"\n"
    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas><rdf:Bag>\n"
    "    <rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "     <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "     <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "     <pdfaSchema:property><rdf:Seq>\n"
    "      <rdf:li rdf:parseType=\"Resource\">\n"
    "       <pdfaProperty:name>part</pdfaProperty:name>\n"
    "       <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "       <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "       <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n"
    "      </rdf:li>\n"
    "     </rdf:Seq></pdfaSchema:property>\n"
    "    </rdf:li>\n"
    "   </rdf:Bag></pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

void ebi_xmp_packet(const eb_xmp_fields *f, eb_buf *out) {
    eb_buf_puts(out, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                     "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                     " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                     "  <rdf:Description rdf:about=\"\"\n"
                     "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                     "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                     "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                     "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    if (f->tagged) eb_buf_puts(out, "\n    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    eb_buf_puts(out, ">\n");
    simple(out, "dc:format", "application/pdf");
    lang_alt(out, "dc:title", f->title, f->lang);
    list_of_one(out, "dc:creator", "Seq", f->author);
    lang_alt(out, "dc:description", f->subject, f->lang);
    if (f->lang && *f->lang) list_of_one(out, "dc:language", "Bag", f->lang);
    simple(out, "dc:source", f->source);
    simple(out, "pdf:Keywords", f->keywords);
    simple(out, "pdf:Producer", f->producer);
    simple(out, "xmp:CreatorTool", f->creator);
    if (f->dated) {
        char date[64];
        ebi_xmp_date(f->date, date);
        simple(out, "xmp:CreateDate", date);
        simple(out, "xmp:ModifyDate", date);
        simple(out, "xmp:MetadataDate", date);
    }
    simple(out, "pdfaid:part", "2");
    simple(out, "pdfaid:conformance", "U");
    if (f->tagged) simple(out, "pdfuaid:part", "1");
    eb_buf_puts(out, "  </rdf:Description>\n");
    if (f->tagged) eb_buf_puts(out, pdfua_extension);
    eb_buf_puts(out, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>\n");
}

bool ebi_pdfa_metadata(eb_pdoc *d, eb_pobj **stream, const eb_xmp_fields *f) {
    if (!*stream) {
        /* metadata stays readable without a PDF parser: never compressed */
        *stream = ebi_pdoc_new_stream(d, false);
        if (!*stream || !ebi_pdoc_put_name(d, *stream, "Type", "Metadata") ||
            !ebi_pdoc_put_name(d, *stream, "Subtype", "XML") ||
            !ebi_pdoc_put_obj(d, ebi_pdoc_catalog(d), "Metadata", *stream))
            return false;
    }
    eb_buf xmp = {0};
    ebi_xmp_packet(f, &xmp);
    bool ok = ebi_pdoc_stream_set(d, *stream, xmp.data, xmp.len);
    eb_buf_destroy(&xmp);
    return ok;
}

/* ---- the output intent ----------------------------------------------------------------- */

bool ebi_pdfa_output_intent(eb_pdoc *d) {
    eb_pobj *profile = ebi_pdoc_new_stream(d, true);
    eb_pobj *intent = ebi_pdoc_new_dict(d, false);
    eb_pobj *intents = ebi_pdoc_new_array(d);
    return profile && intent && intents &&
           ebi_pdoc_stream_set(d, profile, eb_srgb_icc, eb_srgb_icc_len) &&
           ebi_pdoc_put_int(d, profile, "N", 3) &&
           ebi_pdoc_put_name(d, intent, "Type", "OutputIntent") &&
           ebi_pdoc_put_name(d, intent, "S", "GTS_PDFA1") &&
           ebi_pdoc_put_ascii(d, intent, "OutputConditionIdentifier", "sRGB") &&
           ebi_pdoc_put_ascii(d, intent, "Info", "sRGB IEC61966-2.1") &&
           ebi_pdoc_put_ascii(d, intent, "RegistryName", "http://www.color.org") &&
           ebi_pdoc_put_obj(d, intent, "DestOutputProfile", profile) &&
           ebi_pdoc_put_obj(d, intents, NULL, intent) &&
           ebi_pdoc_put_obj(d, ebi_pdoc_catalog(d), "OutputIntents", intents);
}
