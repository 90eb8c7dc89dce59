#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Blocks grow geometrically; an allocation larger than a block gets a block
 * of its own, so there is no upper limit on a single allocation. */
typedef struct block {
    struct block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} block;

struct eb_arena {
    block *head;
    size_t next_size;
};

eb_arena *eb_arena_create(void) {
    eb_arena *arena = eb_xcalloc(1, sizeof *arena);
    arena->next_size = (size_t)16 * 1024;
    return arena;
}

void eb_arena_destroy(eb_arena *arena) {
    if (!arena) return;
    for (block *b = arena->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(arena);
}

static block *new_block(eb_arena *arena, size_t need) {
    size_t size = arena->next_size;
    if (size < need) size = need;
    if (arena->next_size < (size_t)4 * 1024 * 1024) arena->next_size *= 2;
    block *b = eb_xmalloc(sizeof *b + size);
    b->used = 0;
    b->size = size;
    b->next = arena->head;
    arena->head = b;
    return b;
}

void *eb_arena_alloc(eb_arena *arena, size_t size) {
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0) size = align;
    block *b = arena->head;
    if (!b || b->size - b->used < size) b = new_block(arena, size);
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *eb_arena_array(eb_arena *arena, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) {
        fprintf(stderr, "evbrief: arena array too large\n");
        abort();
    }
    return eb_arena_alloc(arena, count * size);
}

char *eb_arena_strndup(eb_arena *arena, const char *s, size_t n) {
    char *p = eb_arena_alloc(arena, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *eb_arena_strdup(eb_arena *arena, const char *s) {
    return eb_arena_strndup(arena, s, strlen(s));
}
