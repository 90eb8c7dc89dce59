/* The hash behind subset tags and the document /ID. These only need to
 * change when the content changes and to be the same on every machine, so
 * FNV-1a (two lanes with different offsets) with a final avalanche step is
 * enough; nothing here is a security boundary. */
#include <string.h>

#include "pdf_internal.h"

#define FNV_PRIME 0x100000001b3ULL

void ebi_hash_init(eb_hash *h) {
    h->lane[0] = 0xcbf29ce484222325ULL;  /* the FNV-1a offset basis */
    h->lane[1] = 0x84222325cbf29ce4ULL;  /* the same, halves swapped */
}

void ebi_hash_bytes(eb_hash *h, const void *bytes, size_t n) {
    const unsigned char *p = bytes;
    for (size_t i = 0; i < n; i++) {
        h->lane[0] = (h->lane[0] ^ p[i]) * FNV_PRIME;
        h->lane[1] = (h->lane[1] ^ (unsigned char)(p[i] + 0x5b)) * FNV_PRIME;
    }
}

void ebi_hash_str(eb_hash *h, const char *s) {
    ebi_hash_bytes(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

void ebi_hash_u32(eb_hash *h, uint32_t v) {
    unsigned char b[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    ebi_hash_bytes(h, b, 4);
}

/* splitmix64's finaliser: spreads every input bit over the output. */
static uint64_t avalanche(uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

void ebi_hash_digest(const eb_hash *h, uint8_t out[16]) {
    uint64_t a = avalanche(h->lane[0] ^ (h->lane[1] << 1));
    uint64_t b = avalanche(h->lane[1] ^ a);
    for (int i = 0; i < 8; i++) {
        out[i] = (uint8_t)(a >> (56 - 8 * i));
        out[8 + i] = (uint8_t)(b >> (56 - 8 * i));
    }
}
