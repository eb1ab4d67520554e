/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* loadcmp.c: print what the vocabulary loader keeps of an RDF file (its
 * status, nodes, literals and triples, in order), read from the file or,
 * with a second argument, from standard input with that base IRI.
 * bench/loadcmp.sh compares the two. */
#include <stdio.h>
#include <string.h>

#include "rdf_read.h"

int
main(int argc, char **argv)
{
	kll__graph g;
	kll_error e;
	kll_status st;
	size_t i;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: loadcmp file.ttl [base-iri]\n");
		return 2;
	}
	memset(&g, 0, sizeof(g));
	memset(&e, 0, sizeof(e));
	if (argc == 3) {
		if (freopen(argv[1], "rb", stdin) == NULL) {
			perror(argv[1]);
			return 2;
		}
		st = kll__graph_load(&g, "-", "turtle", argv[2], &e);
	} else {
		st = kll__graph_load(&g, argv[1], "turtle", NULL, &e);
	}
	printf("status %d %u:%u %s\n", (int)st, e.line, e.col, e.msg);
	printf("nodes %zu literals %zu triples %zu seen %zu\n", g.nnode,
	    g.nlit, g.ntriple, g.nseen);
	for (i = 0; i < g.nnode; i++)
		printf("N %s %u\n", g.node[i].key, (unsigned)g.node[i].types);
	for (i = 0; i < g.nlit; i++)
		printf("L %s @%s\n", g.lit[i].text, g.lit[i].lang);
	for (i = 0; i < g.ntriple; i++)
		printf("T %u %u %u\n", (unsigned)g.triple[i].s,
		    (unsigned)g.triple[i].p, (unsigned)g.triple[i].o);
	kll__graph_free(&g);
	kll__arena_free(&g.arena);
	return 0;
}
