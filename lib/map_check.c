/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * map_check.c: checking translation keys against the vocabularies of
 * their two sides, and the actual cardinality of their records.
 *
 * A check takes the records one at a time, as the reader reads them
 * (kll_mapcheck_row), or from a set in memory (kll_mapset_check).  Each
 * record gets the findings it can have on its own at once: links, codes
 * unknown or deprecated or off the declared level, label drift, bad
 * predicates.  Of the record, what stays is a few numbers: the distinct
 * CURIE of each side (hashed once, with the concept it names), the
 * predicate with its modifier, a hash of the justification and of the
 * cardinality scope, the line and the columns of the fields that later
 * findings are about.  At the end, a walk of these numbers by subject
 * finds duplicates, contradictions and the cardinality of each record,
 * and the findings that need every record go out in file order.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "map_check.h"

/* ------------------------------------------------------------------ */
/* Rules                                                                */


/* A rule: what kll_mapcheck_rule_at() says of it, and what checks it: a
 * record as it is taken, a record once all are, the set at the end.  A
 * record's findings come in the order of the table. */
struct rule {
	kll_check_rule r;
	void (*row)(struct chk *c, uint32_t r);
	void (*after)(struct chk *c, uint32_t r);
	void (*last)(struct chk *c);
	/* A rule of one side (0 subject, 1 object) of each record. */
	void (*side_row)(struct chk *c, uint32_t r, int k);
	int side;
};

static const struct rule rules[NRULES]; /* below, after the checks */

const kll_check_rule *
kll_mapcheck_rule_at(size_t i)
{
	return i < NRULES ? &rules[i].r : NULL;
}

static const char *const side_name[2] = { "subject", "object" };

static void emit(struct chk *c, int rule, kll_severity sev, uint32_t row,
    kll_slot slot, const char *fmt, ...) KLL__PRINTF(6, 7);

/* Copy "s" to "out" with its control characters escaped, so that a
 * finding stays on one line whatever the values in it hold. */
static void
one_line(char *out, size_t size, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	for (; *p != '\0' && n + 5 < size; p++) {
		if (*p >= 0x20 && *p != 0x7f) {
			out[n++] = (char)*p;
			continue;
		}
		out[n++] = '\\';
		if (*p == '\n' || *p == '\t' || *p == '\r') {
			out[n++] = *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r';
		} else {
			out[n++] = 'x';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	out[n] = '\0';
}

/* Where record "row"'s field of slot s is: from the set while the
 * record is the one taken, else from what was kept of it. */
static void
locate(const struct chk *c, uint32_t row, kll_slot s, unsigned *line,
    unsigned *col)
{
	uint32_t i;
	size_t k;

	*line = *col = 0;
	if (row == NONE)
		return;
	if (row == c->cur) {
		kll_mapset_pos(c->m, c->rec, s, line, col);
		return;
	}
	if ((*line = c->line[row]) == 0)
		return;
	for (k = 0; k < NDSLOT && dslot[k] != s; k++)
		;
	if (k == NDSLOT)
		return;
	*col = c->pcol[k][row];
	if (*col == PCOL_BIG &&
	    (i = kll__kset_find(&c->fc, (uint64_t)row << 2 | k)) != NONE)
		*col = c->fc.cnt[i];
	if (c->fl.n > 0 &&
	    (i = kll__kset_find(&c->fl, (uint64_t)row << 2 | k)) != NONE)
		*line = c->fl.cnt[i];
}

/* Send one finding; "row" NONE is about the set (line 0). */
static void
emit(struct chk *c, int rule, kll_severity sev, uint32_t row, kll_slot slot,
    const char *fmt, ...)
{
	char msg[sizeof(((kll_error *)0)->msg)];
	kll_error d;
	va_list ap;

	if (sev == KLL_SEV_ERROR)
		c->nerrors++;
	if (c->o.diag == NULL || sev < c->o.min)
		return;
	memset(&d, 0, sizeof(d));
	d.code = KLL_EINVALID;
	d.severity = sev;
	snprintf(d.file, sizeof(d.file), "%s", c->file);
	snprintf(d.rule, sizeof(d.rule), "%s", rules[rule].r.id);
	locate(c, row, slot, &d.line, &d.col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	one_line(d.msg, sizeof(d.msg), msg);
	c->o.diag(c->o.payload, &d);
}

/* The slots of the set's cardinality_scope; with "report", names that
 * are no slot are findings. */
static int
read_scope(struct chk *c, int report)
{
	const char *v = kll_mapset_meta(c->m, "cardinality_scope");
	char **names = NULL;
	size_t n = 0, i, j;
	kll_slot s;

	if (v == NULL)
		return 0;
	if (kll_sssom_split(&names, &n, v, NULL) != KLL_OK)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = kll_slot_from_name(names[i])) == KLL_SLOT__COUNT) {
			if (report)
				emit(c, R_CARDINALITY, KLL_SEV_WARNING, NONE,
				    KLL_SLOT__COUNT,
				    "cardinality_scope names '%s', which is "
				    "no slot of a mapping; left out",
				    names[i]);
			continue;
		}
		for (j = 0; j < c->nscope && c->scope[j] != s; j++)
			;
		if (j == c->nscope)
			c->scope[c->nscope++] = s;
	}
	free(names);
	return 0;
}

/* ------------------------------------------------------------------ */
/* What the set declares                                                */

/* "why", without the key's own name, for a message. */
static void
describe(char *buf, size_t size, const struct chk *c, const kll_error *why)
{
	const char *msg = why->msg[0] ? why->msg : kll_strerror(why->code);

	if (why->file[0] == '\0' || strcmp(why->file, c->file) == 0)
		snprintf(buf, size, "%.300s", msg);
	else if (why->line > 0 && why->col > 0)
		snprintf(buf, size, "%.150s:%u:%u: %.200s", why->file,
		    why->line, why->col, msg);
	else if (why->line > 0)
		snprintf(
		    buf, size, "%.150s:%u: %.200s", why->file, why->line, msg);
	else
		snprintf(buf, size, "%.150s: %.200s", why->file, msg);
}

static void
set_vocabs(struct chk *c)
{
	const kll_vocab *v;
	char buf[400];
	kll_status st;
	kll_error why;
	int k;

	if (c->o.vocabs == NULL)
		return;
	for (k = 0; k < 2 && !c->nomem; k++) {
		memset(&why, 0, sizeof(why));
		if (c->o.vocab[k] != NULL)
			st = kll_vocab_cache_open(
			    &v, c->o.vocabs, c->o.vocab[k], &why);
		else
			st = kll_vocab_cache_source(&v, c->o.vocabs, c->m,
			    k ? "object_source" : "subject_source", &why);
		if (st == KLL_ENOMEM) {
			c->nomem = 1;
		} else if (st != KLL_OK) {
			describe(buf, sizeof(buf), c, &why);
			emit(c, R_NO_VOCABULARY, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT, "%s vocabulary: %s", side_name[k],
			    buf);
		} else if ((c->sd[k].mapped = kll__calloc(
		                kll_vocab_count(v) + 1, 1)) == NULL) {
			c->nomem = 1;
		} else {
			c->sd[k].v = v;
		}
	}
}

/* The depth that "s" names: a number, or a level's IRI or CURIE; 0 when
 * it cannot be told without a vocabulary, -1 when it is none. */
static int
parse_level(const struct chk *c, const kll_vocab *v, const char *s)
{
	char iri[1024];
	const char *l;
	size_t n;
	int d;

	if (*s >= '1' && *s <= '9' && strspn(s, "0123456789") == strlen(s))
		return strlen(s) > 3 ? -1 : atoi(s);
	if (v == NULL)
		return 0;
	n = kll_mapset_expand(c->m, s, iri, sizeof(iri));
	if (n == 0 || n >= sizeof(iri))
		snprintf(iri, sizeof(iri), "%s", s);
	for (d = 1; d <= kll_vocab_levels(v); d++)
		if ((l = kll_vocab_level_iri(v, d)) != NULL &&
		    strcmp(l, iri) == 0)
			return d;
	return -1;
}

static void
set_levels(struct chk *c)
{
	const char *key, *mv;
	const kll_vocab *v;
	int k, lv;

	for (k = 0; k < 2; k++) {
		v = c->sd[k].v;
		key = k ? "object_level" : "subject_level";
		mv = NULL;
		if ((lv = c->o.level[k]) == 0 &&
		    (mv = kll_mapset_meta(c->m, key)) != NULL &&
		    (lv = parse_level(c, v, mv)) < 0) {
			emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT,
			    "%s '%s' in the metadata is no level%s%s", key, mv,
			    v ? " of " : "", v ? kll_vocab_id(v) : "");
			lv = 0;
		} else if (lv > 0 && v != NULL && lv > kll_vocab_levels(v)) {
			emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, NONE,
			    KLL_SLOT__COUNT,
			    "the key's %s level %d is no level of %s, which "
			    "has %d",
			    side_name[k], lv, kll_vocab_id(v),
			    kll_vocab_levels(v));
			lv = 0;
		}
		c->level[k] = lv;
	}
}

static void
set_cardinality(struct chk *c)
{
	const char *v = kll_mapset_meta(c->m, "mapping_cardinality");
	kll_cardinality k;

	if (v == NULL)
		return;
	k = kll_cardinality_from_name(v);
	if (k >= KLL_CARD_1_1 && k <= KLL_CARD_N_N)
		c->setcard = k;
	else
		emit(c, R_CARDINALITY, KLL_SEV_ERROR, NONE, KLL_SLOT__COUNT,
		    "mapping_cardinality '%s' in the metadata is not 1:1, "
		    "1:n, n:1 or n:n",
		    v);
}

/* The level most records have on each side that declares none, when
 * they have more than one. */
static void
majority(struct chk *c)
{
	size_t best;
	int k, d, nl;

	for (k = 0; k < 2; k++) {
		c->major[k] = 0;
		if (c->level[k] > 0)
			continue;
		best = 0;
		nl = 0;
		for (d = 1; d <= MAXLEVEL; d++) {
			if (c->lrows[k][d] == 0)
				continue;
			nl++;
			if (c->lrows[k][d] > best) {
				best = c->lrows[k][d];
				c->major[k] = d;
			}
		}
		if (nl < 2)
			c->major[k] = 0;
	}
}

/* ------------------------------------------------------------------ */
/* The second pass: findings record by record                           */

static const kll_slot id_slot[2] = { KLL_SLOT_SUBJECT_ID, KLL_SLOT_OBJECT_ID };
static const kll_slot label_slot[2] = { KLL_SLOT_SUBJECT_LABEL,
	KLL_SLOT_OBJECT_LABEL };

/* The part of a CURIE after its prefix. */
static const char *
local_part(const char *curie)
{
	const char *p = strchr(curie, ':');

	return p != NULL ? p + 1 : curie;
}

/* The code to show for an entry: the concept's notation, else the local
 * part of the CURIE. */
static const char *
code_of(const struct entry *e)
{
	const char *n = e->c != NULL ? kll_concept_notation(e->c) : "";

	return *n != '\0' ? n : local_part(e->curie);
}

/* Record r's entry on side k that names a concept of the vocabulary
 * there, or NULL. */
static struct entry *
known(struct chk *c, uint32_t r, int k)
{
	uint32_t id = c->sd[k].id[r];

	if (c->sd[k].v == NULL || id == NONE)
		return NULL;
	return c->sd[k].e[id].c != NULL ? &c->sd[k].e[id] : NULL;
}

/* How concept x is written in this key: a CURIE, else its IRI. */
static void
written(char *buf, size_t size, const struct chk *c, const kll_concept *x)
{
	size_t n = kll_mapset_contract(c->m, kll_concept_iri(x), buf, size);

	if (n == 0 || n >= size)
		snprintf(buf, size, "%s", kll_concept_iri(x));
}

static void
rule_unknown(struct chk *c, uint32_t r, int k)
{
	struct side *sd = &c->sd[k];
	struct entry *e;
	char guess[300];

	if (sd->v == NULL || sd->id[r] == NONE)
		return;
	e = &sd->e[sd->id[r]];
	if (e->c != NULL || (e->flags & (E_NTF | E_NOPREFIX)))
		return;
	if (!(e->flags & E_GUESSED)) {
		e->guess = kll_vocab_find_loose(sd->v, local_part(e->curie));
		e->flags |= E_GUESSED;
	}
	if (e->guess == NULL) {
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k], "unknown code '%s' in %s",
		    local_part(e->curie), kll_vocab_id(sd->v));
		return;
	}
	written(guess, sizeof(guess), c, e->guess);
	/* The code is right and the namespace wrong: say which. */
	if (strcmp(kll_concept_notation(e->guess), local_part(e->curie)) == 0)
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k],
		    "'%s' is no concept of %s: did you mean '%s'", e->curie,
		    kll_vocab_id(sd->v), guess);
	else
		emit(c, k ? R_UNKNOWN_OBJECT : R_UNKNOWN_SUBJECT, KLL_SEV_ERROR,
		    r, id_slot[k], "unknown code '%s' in %s: did you mean '%s'",
		    local_part(e->curie), kll_vocab_id(sd->v), guess);
}

static void
rule_deprecated(struct chk *c, uint32_t r, int k)
{
	const struct entry *e = known(c, r, k);
	const kll_concept *x;
	const char *iri;
	char list[300];
	size_t i, n, len = 0;

	if (e == NULL || !(e->flags & E_DEPRECATED))
		return;
	list[0] = '\0';
	n = kll_concept_nreplaced(e->c);
	for (i = 0; i < n && len < sizeof(list); i++) {
		iri = kll_concept_replaced(e->c, i);
		x = kll_vocab_find_iri(c->sd[k].v, iri);
		len +=
		    (size_t)snprintf(list + len, sizeof(list) - len, "%s'%s'",
		        i == 0     ? "" :
		        i + 1 == n ? " and " :
		                     ", ",
		        x != NULL && *kll_concept_notation(x) ?
		            kll_concept_notation(x) :
		            iri);
	}
	emit(c, k ? R_DEPRECATED_OBJECT : R_DEPRECATED_SUBJECT, KLL_SEV_WARNING,
	    r, id_slot[k], "code '%s' of %s is deprecated%s%s", code_of(e),
	    kll_vocab_id(c->sd[k].v),
	    n ? ", replaced by " : " and has no replacement", list);
}

/* Without a declared level, one finding per side, where the records
 * first leave the level most of them are on. */
static void
mixed_levels(struct chk *c, uint32_t r, int k)
{
	char list[200];
	size_t len = 0, off = 0;
	int d, nl = 0, i = 0;

	if (c->mixed[k])
		return;
	c->mixed[k] = 1;
	for (d = 1; d <= MAXLEVEL; d++)
		if (c->lrows[k][d] > 0) {
			nl++;
			if (d != c->major[k])
				off += c->lrows[k][d];
		}
	list[0] = '\0';
	for (d = 1; d <= MAXLEVEL && len < sizeof(list); d++)
		if (c->lrows[k][d] > 0)
			len += (size_t)snprintf(list + len, sizeof(list) - len,
			    "%s%d",
			    i++ == 0 ? "" :
			    i == nl  ? " and " :
			               ", ",
			    d);
	emit(c, R_WRONG_LEVEL, KLL_SEV_INFO, r, id_slot[k],
	    "%ss mix levels %s of %s: %zu rows are on level %d, %zu on "
	    "others, the first of them here",
	    side_name[k], list, kll_vocab_id(c->sd[k].v),
	    c->lrows[k][c->major[k]], c->major[k], off);
}

/* A code off the key's declared level. */
static void
rule_level(struct chk *c, uint32_t r, int k)
{
	const struct entry *e = known(c, r, k);
	int lv;

	if (e == NULL || (lv = e->level) == 0)
		return;
	if (c->level[k] > 0 && lv != c->level[k])
		emit(c, R_WRONG_LEVEL, KLL_SEV_ERROR, r, id_slot[k],
		    "code '%s' is on level %d of %s, not on the key's %s "
		    "level %d",
		    code_of(e), lv, kll_vocab_id(c->sd[k].v), side_name[k],
		    c->level[k]);
}

/* Without a declared level: a code off the level of most records,
 * known once all are read. */
static void
rule_mixed(struct chk *c, uint32_t r, int k)
{
	const struct entry *e;

	if (c->mixed[k] || c->level[k] > 0 || c->major[k] == 0 ||
	    (e = known(c, r, k)) == NULL || e->level == 0 ||
	    e->level == c->major[k])
		return;
	mixed_levels(c, r, k);
}

static void
rule_drift(struct chk *c, uint32_t r, int k, unsigned drift)
{
	const struct entry *e = known(c, r, k);
	const kll_label *l;
	char list[320];
	size_t i, n, len = 0, np = 0;

	if (e == NULL || !(drift & (1u << k)))
		return;
	list[0] = '\0';
	n = kll_concept_nlabels(e->c);
	for (i = 0; i < n && len < sizeof(list); i++) {
		l = kll_concept_label_at(e->c, i);
		if (l->kind != KLL_LABEL_PREF)
			continue;
		len += (size_t)snprintf(list + len, sizeof(list) - len,
		    "%s'%s'%s%s", np++ ? ", " : "", l->text,
		    *l->lang ? "@" : "", l->lang);
	}
	emit(c, R_LABEL_DRIFT, KLL_SEV_WARNING, r, label_slot[k],
	    "%s_label '%s' is no prefLabel of '%s' in %s, which has %s",
	    side_name[k], get(c, r, label_slot[k]), code_of(e),
	    kll_vocab_id(c->sd[k].v), list);
}

/* "skos:exactMatch", or "Not skos:exactMatch", for record r. */
static void
pred_text(char *buf, size_t size, const struct chk *c, uint32_t r)
{
	snprintf(buf, size, "%s%s", (c->pk[r] & 1) ? "Not " : "",
	    c->pred[c->pk[r] >> 1].p);
}

/* Where record r is, for a message: its line, or for a set made in
 * code, its number. */
static void
where(char *buf, size_t size, const struct chk *c, uint32_t r)
{
	unsigned line = c->line[r];

	if (line > 0)
		snprintf(buf, size, "on line %u", line);
	else
		snprintf(buf, size, "in record %lu", (unsigned long)r + 1);
}

static void
event_finding(struct chk *c, const struct event *ev)
{
	char a[200], b[200], w[40];
	int s;

	where(w, sizeof(w), c, ev->ref);
	switch (ev->rule) {
	case R_DUPLICATE_ROW:
		emit(c, R_DUPLICATE_ROW, KLL_SEV_ERROR, ev->row,
		    KLL_SLOT_SUBJECT_ID, "duplicate of the row %s", w);
		break;
	case R_CONTRADICTION:
		pred_text(a, sizeof(a), c, ev->row);
		pred_text(b, sizeof(b), c, ev->ref);
		emit(c, R_CONTRADICTION, KLL_SEV_ERROR, ev->row,
		    KLL_SLOT_PREDICATE_ID,
		    "%s contradicts the %s of the same pair %s", a, b, w);
		break;
	case R_HIERARCHY_CLASH:
		s = ev->flag & F_OBJECT_SIDE;
		emit(c, R_HIERARCHY_CLASH, KLL_SEV_ERROR, ev->row, id_slot[!s],
		    "'%s' is an exactMatch of '%s' and, %s, of its %s '%s'",
		    c->sd[s].e[c->sd[s].id[ev->row]].curie,
		    c->sd[!s].e[c->sd[!s].id[ev->row]].curie, w,
		    (ev->flag & F_ANCESTOR) ? "descendant" : "ancestor",
		    c->sd[!s].e[c->sd[!s].id[ev->ref]].curie);
		break;
	}
}

/* Whether actual shape "a" fits within declared set cardinality "d". */
static int
card_fits(kll_cardinality a, kll_cardinality d)
{
	int many_s = a == KLL_CARD_N_1 || a == KLL_CARD_N_N;
	int many_o = a == KLL_CARD_1_N || a == KLL_CARD_N_N;

	if (a < KLL_CARD_1_1 || a > KLL_CARD_N_N)
		return 1;
	if (many_s && (d == KLL_CARD_1_1 || d == KLL_CARD_1_N))
		return 0;
	if (many_o && (d == KLL_CARD_1_1 || d == KLL_CARD_N_1))
		return 0;
	return 1;
}

static void
rule_cardinality(struct chk *c, uint32_t r)
{
	kll_cardinality a = (kll_cardinality)c->shape[r];
	kll_cardinality d = (kll_cardinality)c->card[r];

	if (a == KLL_CARD_NONE)
		return;
	if (d != KLL_CARD_NONE && d != a)
		emit(c, R_CARDINALITY, KLL_SEV_WARNING, r,
		    KLL_SLOT_MAPPING_CARDINALITY,
		    "mapping_cardinality is %s but the row is %s%s",
		    kll_cardinality_name(d),
		    kll_cardinality_name(a),
		    c->nscope ? " within its cardinality_scope" : "");
	if (c->setcard != KLL_CARD_NONE && !card_fits(a, c->setcard))
		emit(c, R_CARDINALITY, KLL_SEV_ERROR, r, KLL_SLOT_SUBJECT_ID,
		    "the row is %s, which the key's declared "
		    "mapping_cardinality %s does not allow",
		    kll_cardinality_name(a), kll_cardinality_name(c->setcard));
}

/* ------------------------------------------------------------------ */
/* Links                                                                */

/* The slots whose IRIs a publication writes as links or into its
 * catalog, with the schemes each may have. */
static const struct link_slot {
	const char *name;
	kll_slot slot; /* a record's slot, or KLL_SLOT__COUNT */
	int kind;      /* KLL__LINK_WEB or KLL__LINK_ID */
	int curie;     /* a CURIE to expand first */
} link_slots[] = {
	{ "mapping_set_id", KLL_SLOT__COUNT, KLL__LINK_ID, 0 },
	{ "mapping_set_source", KLL_SLOT__COUNT, KLL__LINK_ID, 0 },
	{ "license", KLL_SLOT_LICENSE, KLL__LINK_WEB, 0 },
	{ "subject_source", KLL_SLOT__COUNT, KLL__LINK_ID, 1 },
	{ "object_source", KLL_SLOT__COUNT, KLL__LINK_ID, 1 },
	{ "mapping_provider", KLL_SLOT_MAPPING_PROVIDER, KLL__LINK_WEB, 0 },
	{ "see_also", KLL_SLOT_SEE_ALSO, KLL__LINK_WEB, 0 },
	{ "issue_tracker", KLL_SLOT__COUNT, KLL__LINK_WEB, 0 },
};

typedef char
    kll__link_slots_fit[sizeof(link_slots) / sizeof(link_slots[0]) <=
                                sizeof(((struct chk *)0)->linkmeta) /
                                    sizeof(((struct chk *)0)->linkmeta[0]) ?
                            1 :
                            -1];

/* The IRI of the next '|'-separated item of *p into iri (a CURIE of a
 * "curie" slot expanded), *p moved past it; 0 past the last, -1 for an
 * item to pass over (a CURIE with an unknown prefix: another rule's
 * business). */
static int
next_link(const kll_mapset *m, const struct link_slot *ls, const char **p,
    char *iri, size_t size)
{
	const char *bar;
	char item[1024];
	size_t n;

	if (*p == NULL || **p == '\0')
		return 0;
	/* "\|" is a '|' inside an item. */
	for (bar = strchr(*p, '|'); bar != NULL && bar > *p && bar[-1] == '\\';
	     bar = strchr(bar + 1, '|'))
		;
	n = bar ? (size_t)(bar - *p) : strlen(*p);
	snprintf(item, sizeof(item), "%.*s", (int)n, *p);
	*p = bar ? bar + 1 : NULL;
	if (!ls->curie) {
		snprintf(iri, size, "%s", item);
		return 1;
	}
	n = kll_mapset_expand(m, item, iri, size);
	return n == 0 || n >= size ? -1 : 1;
}

static int
has_scheme(const char *s)
{
	const char *p;

	for (p = s; *p != '\0' && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (p > s && ((*p >= '0' && *p <= '9') || *p == '+' ||
		                      *p == '.' || *p == '-'))))
			return 0;
	return p > s && *p == ':';
}

/* A finding for each item of value "v" of slot "ls" that is no safe
 * link; at the set ("row" NONE) or a record. */
static void
link_items(
    struct chk *c, const struct link_slot *ls, uint32_t row, const char *v)
{
	char iri[1024];
	int k;

	while ((k = next_link(c->m, ls, &v, iri, sizeof(iri))) != 0) {
		/* One without a scheme is sssom-bad-uri's. */
		if (k < 0 || !has_scheme(iri) || kll__link_ok(iri, ls->kind))
			continue;
		emit(c, R_UNSAFE_LINK, KLL_SEV_ERROR, row,
		    ls->slot != KLL_SLOT__COUNT ? ls->slot :
		                                  KLL_SLOT_SUBJECT_ID,
		    "%s '%.200s' is not %s: it cannot be published as a link",
		    ls->name, iri, kll__link_policy(ls->kind));
	}
}

const char *
kll__mapset_unsafe_link(const kll_mapset *m, const char **slot,
    const char **policy, char *buf, size_t size)
{
	const struct link_slot *ls;
	const char *v;
	size_t i;
	int k;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		ls = &link_slots[i];
		v = kll_mapset_meta(m, ls->name);
		while ((k = next_link(m, ls, &v, buf, size)) != 0)
			if (k > 0 && !kll__link_ok(buf, ls->kind)) {
				*slot = ls->name;
				*policy = kll__link_policy(ls->kind);
				return buf;
			}
	}
	return NULL;
}

static void
set_links(struct chk *c)
{
	size_t i;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		c->linkmeta[i] = kll_mapset_meta(c->m, link_slots[i].name);
		link_items(c, &link_slots[i], NONE, c->linkmeta[i]);
	}
}

/* The links of record r that the set does not already give. */
static void
record_links(struct chk *c, uint32_t r)
{
	const struct link_slot *ls;
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(link_slots) / sizeof(link_slots[0]); i++) {
		ls = &link_slots[i];
		if (ls->slot == KLL_SLOT__COUNT ||
		    (v = get(c, r, ls->slot)) == NULL ||
		    same(v, c->linkmeta[i]))
			continue;
		link_items(c, ls, r, v);
	}
}

/* A predicate that is no mapping property, or one from another
 * vocabulary: reported on each record with it. */
static void
rule_predicate(struct chk *c, uint32_t r)
{
	const struct pred *p = &c->pred[c->pk[r] >> 1];
	char msg[400];

	if (p->p[0] == '\0') /* missing: the reader says so */
		return;
	if (p->cls == KLL_PRED_CLASS_BAD) {
		kll__record_pred(c->m, c->rec, msg, sizeof(msg));
		emit(c, R_BAD_PREDICATE, KLL_SEV_ERROR, r,
		    KLL_SLOT_PREDICATE_ID, "%s", msg);
	} else if (p->cls == KLL_PRED_CLASS_OTHER) {
		emit(c, R_OTHER_PREDICATE, KLL_SEV_WARNING, r,
		    KLL_SLOT_PREDICATE_ID,
		    "predicate '%s' is from no vocabulary of mapping "
		    "properties: kll-map compose and invert refuse it",
		    p->p);
	}
}

/* An exact match stands for one concept on each side: a code with two
 * exact counterparts makes them one concept, which their vocabulary
 * says they are not.  (Other predicates beside an exact match, such as
 * the broadMatch of a finer code, are fine; so is the exact match of a
 * class and of its only child: category_top().) */
static void
rule_exact_shape(struct chk *c, uint32_t r)
{
	static const char *const hint[] = { "", "", "skos:narrowMatch",
		"skos:broadMatch", "skos:relatedMatch" };
	uint32_t s = c->sd[0].id[r], o = c->sd[1].id[r];
	kll_cardinality a;

	if (c->xdeg[0] == NULL || c->xrep[1] == NULL ||
	    kll__mapcheck_plain_kind(c, r) != K_EXACT || s == NONE || o == NONE)
		return;
	s = c->xrep[0][s];
	o = c->xrep[1][o];
	if (c->xdeg[0][s] < 2 && c->xdeg[1][o] < 2)
		return;
	a = kll__mapcheck_shape_of(0, 0, c->xdeg[1][o], c->xdeg[0][s]);
	emit(c, R_EXACT_NOT_1_1, KLL_SEV_WARNING, r, KLL_SLOT_PREDICATE_ID,
	    "%s on a row that is %s among the key's exact matches: the %s "
	    "has other exact counterparts (%s?)",
	    c->pred[c->pk[r] >> 1].p, kll_cardinality_name(a),
	    a == KLL_CARD_1_N ? "subject" :
	    a == KLL_CARD_N_1 ? "object" :
	                        "subject and the object",
	    hint[a]);
}

static void
levels(struct chk *c, uint32_t r)
{
	rule_level(c, r, 0);
	rule_level(c, r, 1);
}

static void
mixed(struct chk *c, uint32_t r)
{
	rule_mixed(c, r, 0);
	rule_mixed(c, r, 1);
}

static void
drift(struct chk *c, uint32_t r)
{
	rule_drift(c, r, 0, c->drift);
	rule_drift(c, r, 1, c->drift);
}

/* The events of rule "rule" that the walk or the clashes found for
 * record r: they are sorted by record, then rule. */
static void
events_of(struct chk *c, uint32_t r, int rule)
{
	while (c->ie < c->nev && c->ev[c->ie].row == r &&
	       c->ev[c->ie].rule == rule)
		event_finding(c, &c->ev[c->ie++]);
}

static void
duplicates(struct chk *c, uint32_t r)
{
	events_of(c, r, R_DUPLICATE_ROW);
}

static void
contradictions(struct chk *c, uint32_t r)
{
	events_of(c, r, R_CONTRADICTION);
}

static void
hierarchy_clashes(struct chk *c, uint32_t r)
{
	events_of(c, r, R_HIERARCHY_CLASH);
}

/* The finding for side k's level d (0: the concepts on no level; "any":
 * the vocabulary has levels), when some codes there are not mapped. */
static void
unmapped_level(
    struct chk *c, int k, int d, int any, size_t total, size_t mapped)
{
	const char *id = kll_vocab_id(c->sd[k].v);

	if (total == mapped || (mapped == 0 && d != c->level[k]))
		return;
	if (d > 0)
		emit(c, R_UNMAPPED, KLL_SEV_INFO, NONE, KLL_SLOT__COUNT,
		    "%zu of %zu codes on level %d of %s are not mapped",
		    total - mapped, total, d, id);
	else
		emit(c, R_UNMAPPED, KLL_SEV_INFO, NONE, KLL_SLOT__COUNT,
		    "%zu of %zu codes %s %s are not mapped", total - mapped,
		    total, any ? "on no level of" : "of", id);
}

/* One count per side and level the key uses (or declares) of the codes
 * that no record maps; deprecated concepts need no mapping. */
static void
unmapped(struct chk *c)
{
	size_t total[MAXLEVEL + 1], mapped[MAXLEVEL + 1], i, n;
	const kll_concept *x;
	int k, lv, d, any;

	for (k = 0; k < 2; k++) {
		if (c->sd[k].v == NULL)
			continue;
		memset(total, 0, sizeof(total));
		memset(mapped, 0, sizeof(mapped));
		n = kll_vocab_count(c->sd[k].v);
		for (i = 0; i < n; i++) {
			x = kll_vocab_at(c->sd[k].v, i);
			if (kll_concept_deprecated(x))
				continue;
			lv = kll_concept_level(x);
			lv = lv > MAXLEVEL ? MAXLEVEL : lv;
			total[lv]++;
			mapped[lv] += c->sd[k].mapped[i];
		}
		any = 0;
		for (d = 1; d <= MAXLEVEL; d++)
			any |= total[d] > 0;
		/* Levels 1, 2, ..., then the concepts on none. */
		for (i = 1; i <= MAXLEVEL + 1; i++) {
			d = (int)(i % (MAXLEVEL + 1));
			unmapped_level(c, k, d, any, total[d], mapped[d]);
		}
	}
}

/* The rules.  map-no-vocabulary, and the findings about the set of
 * map-unsafe-link, map-wrong-level and map-cardinality, come from what
 * begin() takes of the metadata; map-other-predicate from the check of
 * map-bad-predicate. */
static const struct rule rules[NRULES] = {
	{ { "map-no-vocabulary", KLL_SEV_ERROR,
	        "the vocabulary of a side is not named in the metadata, or "
	        "cannot be found or read" },
	    NULL, NULL, NULL, NULL, 0 },
	{ { "map-unsafe-link", KLL_SEV_ERROR,
	        "a link of the metadata (license, see_also, ...) that is not "
	        "http(s), or an identifier that is not http(s) or urn" },
	    record_links, NULL, NULL, NULL, 0 },
	{ { "map-unknown-subject", KLL_SEV_ERROR,
	        "a subject_id that is no concept of the subject vocabulary" },
	    NULL, NULL, NULL, rule_unknown, 0 },
	{ { "map-unknown-object", KLL_SEV_ERROR,
	        "an object_id that is no concept of the object vocabulary" },
	    NULL, NULL, NULL, rule_unknown, 1 },
	{ { "map-deprecated-subject", KLL_SEV_WARNING,
	        "a subject that its vocabulary deprecates" },
	    NULL, NULL, NULL, rule_deprecated, 0 },
	{ { "map-deprecated-object", KLL_SEV_WARNING,
	        "an object that its vocabulary deprecates" },
	    NULL, NULL, NULL, rule_deprecated, 1 },
	{ { "map-wrong-level", KLL_SEV_ERROR,
	        "a code off the key's declared level (info when no level is "
	        "declared: once, where the rows first leave the level most are "
	        "on)" },
	    levels, mixed, NULL, NULL, 0 },
	{ { "map-label-drift", KLL_SEV_WARNING,
	        "a subject_label or object_label that is no prefLabel of its "
	        "concept in any language" },
	    drift, NULL, NULL, NULL, 0 },
	{ { "map-duplicate-row", KLL_SEV_ERROR,
	        "the subject, predicate, modifier, object and justification of "
	        "an earlier row" },
	    NULL, duplicates, NULL, NULL, 0 },
	{ { "map-contradiction", KLL_SEV_ERROR,
	        "one pair with two of exactMatch, broadMatch, narrowMatch and "
	        "relatedMatch, or with a mapping and its Not" },
	    NULL, contradictions, NULL, NULL, 0 },
	{ { "map-hierarchy-clash", KLL_SEV_ERROR,
	        "a code that is an exactMatch of both a concept and its ancestor" },
	    NULL, hierarchy_clashes, NULL, NULL, 0 },
	{ { "map-cardinality", KLL_SEV_ERROR,
	        "rows that break the set's declared cardinality (warning: a "
	        "row's mapping_cardinality that is not its actual shape)" },
	    NULL, rule_cardinality, NULL, NULL, 0 },
	{ { "map-bad-predicate", KLL_SEV_ERROR,
	        "a predicate that is no mapping property: a term of SKOS, OWL, "
	        "RDFS or oboInOwl other than skos:exactMatch, closeMatch, "
	        "broadMatch, narrowMatch, relatedMatch, mappingRelation, "
	        "owl:sameAs, equivalentClass, equivalentProperty, "
	        "rdfs:subClassOf, subPropertyOf, seeAlso, oboInOwl:hasDbXref "
	        "(skos:exactmatch, skos:sameAs, skos:broader), with the one "
	        "meant" },
	    rule_predicate, NULL, NULL, NULL, 0 },
	{ { "map-other-predicate", KLL_SEV_WARNING,
	        "a predicate from another vocabulary: SSSOM allows it, but "
	        "kll-map compose and invert refuse it" },
	    NULL, NULL, NULL, NULL, 0 },
	{ { "map-exact-not-one-to-one", KLL_SEV_WARNING,
	        "an exactMatch (or owl:equivalentClass, owl:sameAs) on a pair "
	        "that is 1:n, n:1 or n:n among the key's exact matches" },
	    NULL, rule_exact_shape, NULL, NULL, 0 },
	{ { "map-unmapped", KLL_SEV_INFO,
	        "codes of a level the key uses that no row maps, one count per "
	        "level and side" },
	    NULL, NULL, unmapped, NULL, 0 },
};

/* The findings that record r, the one taken, has on its own. */
static void
row_rules(struct chk *c, uint32_t r)
{
	size_t i;

	for (i = 0; i < NRULES; i++)
		if (rules[i].row != NULL)
			rules[i].row(c, r);
		else if (rules[i].side_row != NULL)
			rules[i].side_row(c, r, rules[i].side);
}

/* The findings that need every record, record by record, then those
 * about the set. */
static void
end_rules(struct chk *c)
{
	uint32_t r;
	size_t i;

	for (r = 0; r < c->n; r++)
		for (i = 0; i < NRULES; i++)
			if (rules[i].after != NULL)
				rules[i].after(c, r);
	for (i = 0; i < NRULES; i++)
		if (rules[i].last != NULL)
			rules[i].last(c);
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */

static void
chk_release(struct chk *c)
{
	size_t k;

	kll__mapcheck_free_walk(c);
	for (k = 0; k < 2; k++) {
		free(c->sd[k].e);
		free(c->sd[k].id);
		free(c->sd[k].mapped);
		kll__itab_free(&c->sd[k].tab);
		kll__arena_free(&c->sd[k].text);
	}
	free(c->pred);
	kll__arena_free(&c->text);
	free(c->xdeg[0]);
	free(c->xdeg[1]);
	free(c->xrep[0]);
	free(c->xrep[1]);
	free(c->pk);
	free(c->jh);
	free(c->card);
	free(c->line);
	for (k = 0; k < NDSLOT; k++)
		free(c->pcol[k]);
	kll__kset_free(&c->fl);
	kll__kset_free(&c->fc);
	free(c->ev);
	free(c->shape);
}

static void
chk_init(struct chk *c, const kll_mapcheck_opts *o, int full)
{
	kll_mapcheck_opts def = KLL_MAPCHECK_OPTS_INIT;

	memset(c, 0, sizeof(*c));
	c->o = o != NULL ? *o : def;
	c->full = full;
	c->cur = NONE;
	c->lastpi = NONE;
	c->sd[0].lastid = c->sd[1].lastid = NONE;
}

/* What the set's metadata says, from the set of the first record (or of
 * none). */
static void
begin(struct chk *c, const kll_mapset *m)
{
	c->begun = 1;
	c->m = m;
	c->file = kll_mapset_path(m);
	if (c->full) {
		set_vocabs(c);
		set_levels(c);
		set_cardinality(c);
		set_links(c);
	}
	if (read_scope(c, c->full) < 0 || kll__mapcheck_alloc_tables(c) < 0)
		c->nomem = 1;
}

/* How many records a key read a record at a time from a file may have,
 * going by the size of the file and the length of its first record, rec
 * of m: one more in eight, and at most 2^26 (reserved room costs no
 * memory until it is written; copying the arrays as they grow costs a
 * check of a large key a tenth of its time).  0: not known. */
static size_t
rows_hint(const kll_mapset *m, size_t rec)
{
	size_t size = kll__mapset_insize(m), len = 1, n;
	const char *v;
	int k;

	if (size == 0)
		return 0;
	for (k = 0; k < KLL_SLOT__COUNT; k++)
		if ((v = kll_mapset_get(m, rec, (kll_slot)k)) != NULL)
			len += strlen(v) + 1;
	n = size / len;
	n += n / 8;
	return n < (size_t)1 << 26 ? n : (size_t)1 << 26;
}

/* Take record rec of m as the next record of the key. */
static kll_status
take(struct chk *c, const kll_mapset *m, size_t rec)
{
	uint32_t r = (uint32_t)c->n;
	if (!c->begun)
		begin(c, m);
	if (c->nomem)
		return KLL_ENOMEM;
	if (c->n >= NONE - 1)
		return KLL_EARG;
	if (kll__mapcheck_row_room(c, c->cap ? 0 : rows_hint(m, rec)) < 0) {
		c->nomem = 1;
		return KLL_ENOMEM;
	}
	c->m = m;
	c->cur = r;
	c->rec = rec;
	c->n++;
	if (kll__mapcheck_keep_row(c, r) < 0)
		c->nomem = 1;
	else if (c->full) {
		c->drift = kll__mapcheck_note_row(c, r);
		row_rules(c, r);
	}
	c->cur = NONE;
	return c->nomem ? KLL_ENOMEM : KLL_OK;
}

/* After the last record: the walk by subject, the shapes, and with
 * every rule, the findings that need all the records. */
static int
end(struct chk *c, const kll_mapset *m)
{
	if (!c->begun)
		begin(c, m);
	c->m = m;
	if (c->nomem || (c->shape = kll__calloc(c->n + 1, 1)) == NULL ||
	    kll__mapcheck_walk(c, c->full) < 0)
		return -1;
	kll__mapcheck_shapes(c);
	kll__mapcheck_free_walk(c);
	if (!c->full)
		return 0;
	majority(c);
	if (kll__mapcheck_clashes(c) < 0 || kll__mapcheck_exact_degrees(c) < 0)
		return -1;
	end_rules(c);
	return 0;
}

struct kll_mapcheck {
	struct chk c;
};

kll_status
kll_mapcheck_new(
    kll_mapcheck **out, const kll_mapcheck_opts *opts, kll_error *err)
{
	kll_mapcheck *mc;

	*out = NULL;
	if ((mc = kll__malloc(sizeof(*mc))) == NULL)
		return kll__nomem(err);
	chk_init(&mc->c, opts, 1);
	*out = mc;
	return KLL_OK;
}

int
kll_mapcheck_row(void *check, const kll_mapset *m, size_t rec)
{
	return (int)take(&((kll_mapcheck *)check)->c, m, rec);
}

kll_status
kll_mapcheck_end(kll_mapcheck *mc, const kll_mapset *m, size_t *nerrors,
    kll_error *err)
{
	kll_status st = KLL_OK;

	if (nerrors != NULL)
		*nerrors = 0;
	if (mc == NULL || m == NULL)
		return kll__error_set(
		    err, KLL_EARG, NULL, 0, 0, "no check or no mapping set");
	if (mc->c.n >= NONE - 1)
		st = kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    "too many records");
	else if (end(&mc->c, m) < 0)
		st = kll__nomem(err);
	if (nerrors != NULL)
		*nerrors = mc->c.nerrors;
	return st;
}

void
kll_mapcheck_free(kll_mapcheck *mc)
{
	if (mc == NULL)
		return;
	chk_release(&mc->c);
	free(mc);
}

kll_status
kll_mapset_check(const kll_mapset *m, const kll_mapcheck_opts *opts,
    size_t *nerrors, kll_error *err)
{
	kll_status st = KLL_OK;
	struct chk c;
	size_t i, n;

	if (nerrors != NULL)
		*nerrors = 0;
	if (m == NULL || kll_mapset_count(m) >= NONE - 1)
		return kll__error_set(err, KLL_EARG, NULL, 0, 0,
		    m == NULL ? "no mapping set" : "too many records");
	chk_init(&c, opts, 1);
	n = kll_mapset_count(m);
	for (i = 0; i < n && st == KLL_OK; i++)
		st = take(&c, m, i);
	if (st != KLL_OK || end(&c, m) < 0)
		st = kll__nomem(err);
	if (nerrors != NULL)
		*nerrors = c.nerrors;
	chk_release(&c);
	return st;
}

/* The actual shape of each record of m, into out (kll_mapset_count(m)
 * bytes); -1 when out of memory. */
int
kll__mapset_shapes(unsigned char *out, const kll_mapset *m)
{
	kll_status st = KLL_OK;
	struct chk c;
	size_t i, n = kll_mapset_count(m);

	chk_init(&c, NULL, 0);
	for (i = 0; i < n && st == KLL_OK; i++)
		st = take(&c, m, i);
	if (st == KLL_OK && end(&c, m) < 0)
		st = KLL_ENOMEM;
	if (st == KLL_OK && n > 0)
		memcpy(out, c.shape, n);
	chk_release(&c);
	return st == KLL_OK ? 0 : -1;
}
