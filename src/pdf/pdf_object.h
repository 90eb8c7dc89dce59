/* PDF objects (PDF 1.7, 7.3): null, booleans, numbers, names, strings
 * (literal and hex), arrays, dictionaries, streams, and references to
 * indirect objects. A table (eb_pobjs) owns every object made in it and
 * numbers the indirect ones 1, 2, ... in the order they are made;
 * pdf_serial.c writes them. Nothing here knows what a page or a font is.
 *
 * A direct object goes into one container, once; an indirect one (a
 * dictionary or array made indirect, every stream) can be put in any
 * number of places and is written there as a reference "N 0 R". */
#ifndef EVBRIEF_PDF_OBJECT_H
#define EVBRIEF_PDF_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* PDF 1.7, annex C: the implementation limits readers are sure to accept. */
#define EB_POBJ_MAX_NAME 127
#define EB_POBJ_MAX_STRING 65535

typedef enum {
    EB_POBJ_NULL,
    EB_POBJ_BOOL,
    EB_POBJ_INT,
    EB_POBJ_REAL,
    EB_POBJ_NAME,
    EB_POBJ_STRING,  /* written as a literal: (...) */
    EB_POBJ_HEX,     /* written in hex: <...> */
    EB_POBJ_ARRAY,
    EB_POBJ_DICT,
    EB_POBJ_STREAM,  /* a dictionary with data; always indirect */
} eb_pobj_kind;

typedef struct eb_pobjs eb_pobjs;
typedef struct eb_pobj eb_pobj;

eb_pobjs *ebi_pobjs_create(void);
void ebi_pobjs_destroy(eb_pobjs *t);  /* every object made in t */
/* How many indirect objects there are, and the i-th (from 0) of them. */
uint32_t ebi_pobjs_count(const eb_pobjs *t);
const eb_pobj *ebi_pobjs_at(const eb_pobjs *t, uint32_t i);

eb_pobj *ebi_pobj_null(eb_pobjs *t);
eb_pobj *ebi_pobj_bool(eb_pobjs *t, bool v);
eb_pobj *ebi_pobj_int(eb_pobjs *t, long v);
/* Kept as a float: single precision is what every number written with a
 * fraction had (pdf_serial.c explains why it stays). */
eb_pobj *ebi_pobj_real(eb_pobjs *t, double v);
/* NULL (nothing made) for a name longer than EB_POBJ_MAX_NAME bytes or a
 * string longer than EB_POBJ_MAX_STRING. */
eb_pobj *ebi_pobj_name(eb_pobjs *t, const char *name);
eb_pobj *ebi_pobj_string(eb_pobjs *t, const void *bytes, size_t n);
eb_pobj *ebi_pobj_hex(eb_pobjs *t, const void *bytes, size_t n);
eb_pobj *ebi_pobj_array(eb_pobjs *t, bool indirect);
eb_pobj *ebi_pobj_dict(eb_pobjs *t, bool indirect);
/* An indirect stream; its data deflated when written if `deflate`. */
eb_pobj *ebi_pobj_stream(eb_pobjs *t, bool deflate);

eb_pobj_kind ebi_pobj_kind_of(const eb_pobj *o);
/* The object's number, 0 for a direct object. */
uint32_t ebi_pobj_number(const eb_pobj *o);

/* Puts value into a dictionary (or stream dictionary) under key, in the
 * place of what was there or else at the end, or at the end of an array
 * when key is NULL. False, changing nothing, for a wrong container, a
 * NULL, a key on an array or none on a dictionary, a bad key, or a direct
 * value already placed. */
bool ebi_pobj_put(eb_pobj *container, const char *key, eb_pobj *value);
eb_pobj *ebi_pobj_get(const eb_pobj *dict, const char *key);
/* Removes key from a dictionary; false if it was not there. */
bool ebi_pobj_remove(eb_pobj *dict, const char *key);
/* The key under which dict holds value (compared as objects), or NULL. */
const char *ebi_pobj_key_of(const eb_pobj *dict, const eb_pobj *value);
size_t ebi_pobj_len(const eb_pobj *o);  /* entries or items; 0 for others */

/* A dictionary's i-th entry, an array's i-th item. */
const char *ebi_pobj_key_at(const eb_pobj *dict, size_t i);
const eb_pobj *ebi_pobj_value_at(const eb_pobj *o, size_t i);

/* A stream's data: replaced, appended to, read. */
void ebi_pobj_stream_set(eb_pobj *s, const void *bytes, size_t n);
void ebi_pobj_stream_append(eb_pobj *s, const void *bytes, size_t n);
const eb_buf *ebi_pobj_stream_data(const eb_pobj *s);
bool ebi_pobj_stream_deflated(const eb_pobj *s);

/* Scalars' values, for pdf_serial.c. */
bool ebi_pobj_bool_value(const eb_pobj *o);
long ebi_pobj_int_value(const eb_pobj *o);
float ebi_pobj_real_value(const eb_pobj *o);
/* Names, strings: the bytes (a name's are NUL-terminated). */
const uint8_t *ebi_pobj_bytes(const eb_pobj *o, size_t *n);

/* ---- pdf_serial.c ------------------------------------------------------------------ */

/* The value as it appears in a file: an indirect object as its reference. */
void ebi_pobj_write(const eb_pobj *o, eb_buf *out);
/* An indirect object's own value (what follows "N 0 obj"). */
void ebi_pobj_write_object(const eb_pobj *o, eb_buf *out);
/* A dictionary's entries, "/Key value" one after another without << >>,
 * leaving out the keys in skip (NULL-terminated, or NULL): the form
 * pdf_write.h takes for stream and trailer dictionaries. */
void ebi_pobj_write_entries(const eb_pobj *dict, const char *const *skip, eb_buf *out);
/* A number as the file has it: at most five decimals, no trailing zeros,
 * no exponent, within +-32767. out: at least 16 bytes. */
void ebi_pobj_real_text(float v, char *out);
/* The whole file into out (appending): every indirect object of t in
 * number order, streams after the rest, and a trailer of `trailer`'s
 * entries (pdf_write.c). */
void ebi_pobjs_save(const eb_pobjs *t, const eb_pobj *trailer, eb_buf *out);

#endif
