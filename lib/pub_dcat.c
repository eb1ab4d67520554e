/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pub_dcat.c: the DCAT-AP-SE catalog of a published folder: SHA-1 and
 * name-based UUIDs, the metadata each dataset gets from its data and the
 * configuration, the checks of DCAT-AP-SE 3.0.1's mandatory and
 * recommended properties, and the catalog as an RDF graph. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pub.h"
#include "rdf_write.h"

/* ------------------------------------------------------------------ */
/* SHA-1, as FIPS 180-4 section 6.1 describes it                        */

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(kll__sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = ROTL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & c) ^ (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) ^ (b & d) ^ (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		t = ROTL(a, 5) + f + e + k + w[i];
		e = d, d = c, c = ROTL(b, 30), b = a, a = t;
	}
	s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d, s->h[4] += e;
}

void
kll__sha1_init(kll__sha1 *s)
{
	static const uint32_t h0[5] = { 0x67452301, 0xefcdab89, 0x98badcfe,
		0x10325476, 0xc3d2e1f0 };

	memset(s, 0, sizeof(*s));
	memcpy(s->h, h0, sizeof(h0));
}

void
kll__sha1_update(kll__sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t take;

	s->len += n;
	while (n > 0) {
		take = 64 - s->used < n ? 64 - s->used : n;
		memcpy(s->block + s->used, p, take);
		s->used += take, p += take, n -= take;
		if (s->used == 64) {
			sha1_block(s, s->block);
			s->used = 0;
		}
	}
}

void
kll__sha1_final(kll__sha1 *s, unsigned char out[20])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72];
	size_t npad = (s->used < 56 ? 56 : 120) - s->used;
	int i;

	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	kll__sha1_update(s, pad, npad + 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

void
kll__sha1_hex(const void *p, size_t n, char out[41])
{
	unsigned char md[20];
	kll__sha1 s;

	kll__sha1_init(&s);
	kll__sha1_update(&s, p, n);
	kll__sha1_final(&s, md);
	hex(md, 20, out);
}

void
kll__uuid5_url(const char *name, char out[37])
{
	/* RFC 4122 appendix C: the name space of URLs. */
	static const unsigned char ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d,
		0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30,
		0xc8 };
	unsigned char md[20];
	char h[33];
	kll__sha1 s;

	kll__sha1_init(&s);
	kll__sha1_update(&s, ns, sizeof(ns));
	kll__sha1_update(&s, name, strlen(name));
	kll__sha1_final(&s, md);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50); /* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80); /* RFC 4122 */
	hex(md, 16, h);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16,
	    h + 20);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                              */

void
kll__catalog_diag(kll_catalog *c, kll_severity sev, const char *rule,
    const char *file, unsigned line, const char *fmt, ...)
{
	kll_error d;
	va_list ap;

	if (sev == KLL_SEV_ERROR)
		c->nerrors++;
	if (c->opts.diag == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.code = KLL_EINVALID;
	d.severity = sev;
	if (file != NULL)
		snprintf(d.file, sizeof(d.file), "%s", kll__display_name(file));
	d.line = line;
	snprintf(d.rule, sizeof(d.rule), "%s", rule);
	va_start(ap, fmt);
	vsnprintf(d.msg, sizeof(d.msg), fmt, ap);
	va_end(ap);
	c->opts.diag(c->opts.payload, &d);
}

/* printf into the catalog's arena; NULL when out of memory. */
static const char *fmt(kll_catalog *c, const char *f, ...) KLL__PRINTF(2, 3);

static const char *
fmt(kll_catalog *c, const char *f, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, f);
	n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	if (n < 0 || (p = kll__arena_alloc(&c->arena, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, f);
	vsnprintf(p, (size_t)n + 1, f, ap);
	va_end(ap);
	return p;
}

const char *
kll__catalog_iri(kll_catalog *c, const char *fragment)
{
	const char *base = kll_pubconf_get(c->conf, "base-url");

	if (fragment == NULL)
		return NULL;
	return fmt(c, "%scatalog.rdf#%s", base ? base : "", fragment);
}

static const char *
conf(const kll_catalog *c, const char *key)
{
	return kll_pubconf_get(c->conf, key);
}

static const char *const langs[2] = { "sv", "en" };

#define EU_AUTH "http://publications.europa.eu/resource/authority/"

/* ------------------------------------------------------------------ */
/* What kll knows of the shipped classifications                        */

static const struct domain {
	const char *prefix;
	unsigned themes;
	const char *kw[2]; /* keywords in Swedish and English */
} domains[] = {
	{ "ssyk", KLL__THEME_SOCI | KLL__THEME_ECON,
	    { "yrken", "occupations" } },
	{ "isco", KLL__THEME_SOCI | KLL__THEME_ECON,
	    { "yrken", "occupations" } },
	{ "esco-occupations", KLL__THEME_SOCI | KLL__THEME_ECON,
	    { "yrken", "occupations" } },
	{ "esco-skills", KLL__THEME_EDUC,
	    { "kompetenser", "skills and competences" } },
	{ "esco-skill-groups", KLL__THEME_EDUC,
	    { "kompetenser", "skills and competences" } },
	{ "sni", KLL__THEME_ECON, { "näringsgrenar", "industries" } },
	{ "nace", KLL__THEME_ECON, { "näringsgrenar", "industries" } },
	{ "sun", KLL__THEME_EDUC, { "utbildning", "education" } },
	{ "isced", KLL__THEME_EDUC, { "utbildning", "education" } },
	{ "seqf", KLL__THEME_EDUC, { "kvalifikationer", "qualifications" } },
	{ "eqf", KLL__THEME_EDUC, { "kvalifikationer", "qualifications" } },
};

/* The domain of a vocabulary id: "ssyk-2012" and "sni2007" are in those
 * of "ssyk" and "sni"; NULL when kll knows none. */
static const struct domain *
domain_of(const char *id)
{
	size_t i, n;
	char next;

	if (id == NULL)
		return NULL;
	for (i = 0; i < sizeof(domains) / sizeof(domains[0]); i++) {
		n = strlen(domains[i].prefix);
		if (strncmp(id, domains[i].prefix, n) != 0)
			continue;
		next = id[n];
		if (next == '\0' || next == '-' || (next >= '0' && next <= '9'))
			return &domains[i];
	}
	return NULL;
}

/* The themes of vocabulary "id": theme.ID, else its domain's. */
static unsigned
vocab_themes(const kll_catalog *c, const char *id)
{
	const kll__pubval *v;
	const struct domain *dom;

	if (id == NULL)
		return 0;
	if ((v = kll__pubconf_lookup(c->conf, "theme", id, 0)) != NULL)
		return kll__themes_parse(v->value);
	return (dom = domain_of(id)) != NULL ? dom->themes : 0;
}

/* ------------------------------------------------------------------ */
/* Completing each dataset                                              */

static const char *
override(
    const kll_catalog *c, const char *key, const char *lang, const char *id)
{
	char k[64];
	const kll__pubval *v;

	snprintf(k, sizeof(k), "%s-%s", key, lang);
	v = kll__pubconf_lookup(c->conf, k, id, 0);
	return v ? v->value : NULL;
}

static const kll__dataset *
vocab_dataset(const kll_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < c->nds; i++)
		if (c->ds[i].kind == KLL__VOCAB && strcmp(c->ds[i].id, id) == 0)
			return &c->ds[i];
	return NULL;
}

/* A name for side "side" of key d in language l: the title in l of the
 * catalog's dataset for it, else of the vocabulary, else in the other
 * language, else its id. */
static const char *
side_name(const kll_catalog *c, const kll__dataset *d, int side, int l)
{
	const kll__dataset *v = vocab_dataset(c, d->side_id[side]);

	if (v != NULL && v->title[l] != NULL)
		return v->title[l];
	if (v != NULL && v->title[1 - l] != NULL)
		return v->title[1 - l];
	if (d->side_name[side][l] != NULL)
		return d->side_name[side][l];
	if (d->side_name[side][1 - l] != NULL)
		return d->side_name[side][1 - l];
	return d->side_id[side] ? d->side_id[side] : "?";
}

static const char *
vocab_name(const kll__dataset *d, int l)
{
	if (d->own_title[l] != NULL)
		return d->own_title[l];
	return d->own_title[1 - l] ? d->own_title[1 - l] : d->id;
}

/* A count with its noun in the number it takes: "1 nivå", "8 nivåer". */
const char *
kll__noun(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
complete_texts(kll_catalog *c, kll__dataset *d)
{
	static const char *const vdesc[2] = {
		"%s som SKOS med XKOS-nivåer, i Turtle, RDF/XML och "
		"N-Triples, och som kodlista i CSV: %zu begrepp på %zu %s.",
		"%s as SKOS with XKOS levels, in Turtle, RDF/XML and "
		"N-Triples, and as a CSV code list: %zu %s on %zu %s."
	};
	static const char *const vflat[2] = {
		"%s som SKOS, i Turtle, RDF/XML och N-Triples, och som "
		"kodlista i CSV: %zu begrepp.",
		"%s as SKOS, in Turtle, RDF/XML and N-Triples, and as a CSV "
		"code list: %zu %s."
	};
	static const char *const kdesc[2] = {
		"Översättningsnyckel från %s till %s som SSSOM-mappningar, "
		"SKOS-mappningar och en XKOS-korrespondens: %zu %s.",
		"Translation key from %s to %s as SSSOM mappings, SKOS mapping "
		"triples and an XKOS correspondence: %zu %s."
	};
	static const char *const ktitle[2] = { "Översättningsnyckel %s – %s",
		"Correspondence table %s – %s" };
	int l;

	for (l = 0; l < 2; l++) {
		d->title[l] = override(c, "title", langs[l], d->id);
		d->desc[l] = override(c, "description", langs[l], d->id);
		if (d->kind == KLL__VOCAB) {
			if (d->title[l] == NULL)
				d->title[l] = d->own_title[l];
			if (d->desc[l] == NULL)
				d->desc[l] = d->own_desc[l];
			if (d->desc[l] == NULL && d->count2 > 0 && l == 0)
				d->desc[l] = fmt(c, vdesc[l], vocab_name(d, l),
				    d->count, d->count2,
				    kll__noun(d->count2, "nivå", "nivåer"));
			else if (d->desc[l] == NULL && d->count2 > 0)
				d->desc[l] = fmt(c, vdesc[l], vocab_name(d, l),
				    d->count,
				    kll__noun(d->count, "concept", "concepts"),
				    d->count2,
				    kll__noun(d->count2, "level", "levels"));
			else if (d->desc[l] == NULL && l == 0)
				d->desc[l] = fmt(
				    c, vflat[l], vocab_name(d, l), d->count);
			else if (d->desc[l] == NULL)
				d->desc[l] = fmt(c, vflat[l], vocab_name(d, l),
				    d->count,
				    kll__noun(d->count, "concept", "concepts"));
		} else {
			if (d->title[l] == NULL)
				d->title[l] =
				    fmt(c, ktitle[l], side_name(c, d, 0, l),
				        side_name(c, d, 1, l));
			if (d->desc[l] == NULL)
				d->desc[l] = fmt(c, kdesc[l],
				    side_name(c, d, 0, l),
				    side_name(c, d, 1, l), d->count,
				    l == 0 ? kll__noun(d->count, "mappning",
				                 "mappningar") :
				             kll__noun(d->count, "mapping",
				                 "mappings"));
		}
	}
}

static void
complete_keywords(kll_catalog *c, kll__dataset *d)
{
	static const char *const base[2][2] = {
		{ "klassifikation, kodlista, SKOS",
		    "classification, code list, SKOS" },
		{ "översättningsnyckel, korrespondenstabell, SSSOM",
		    "crosswalk, correspondence table, SSSOM" }
	};
	const struct domain *a, *b;
	int l;

	if (d->kind == KLL__VOCAB)
		a = domain_of(d->id), b = NULL;
	else
		a = domain_of(d->side_id[0]), b = domain_of(d->side_id[1]);
	if (b != NULL && a != NULL && strcmp(a->kw[0], b->kw[0]) == 0)
		b = NULL;
	for (l = 0; l < 2; l++) {
		if ((d->keywords[l] =
		            override(c, "keywords", langs[l], d->id)) != NULL)
			continue;
		d->keywords[l] =
		    fmt(c, "%s%s%s%s%s", base[d->kind][l], a ? ", " : "",
		        a ? a->kw[l] : "", b ? ", " : "", b ? b->kw[l] : "");
	}
}

static void
complete_themes(kll_catalog *c, kll__dataset *d)
{
	const kll__pubval *v;

	if ((v = kll__pubconf_lookup(c->conf, "theme", d->id, 0)) != NULL)
		d->themes = kll__themes_parse(v->value);
	else if (d->kind == KLL__VOCAB)
		d->themes = vocab_themes(c, d->id);
	else
		d->themes = vocab_themes(c, d->side_id[0]) |
		            vocab_themes(c, d->side_id[1]);
	if (d->themes == 0 &&
	    (v = kll__pubconf_lookup(c->conf, "theme", NULL, 0)) != NULL)
		d->themes = kll__themes_parse(v->value);
	if (d->themes == 0)
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-recommended",
		    d->src, 0,
		    "dataset '%s' has no theme (dcat:theme): set "
		    "theme.%s or theme",
		    d->id, d->id);
}

static void
complete_license(kll_catalog *c, kll__dataset *d)
{
	const char *key =
	    d->kind == KLL__VOCAB ? "vocab-license" : "key-license";
	const kll__pubval *v;
	const char *dflt = conf(c, key), *own = d->own_license;

	/* The data's own licence is published only as a safe link, and
	 * never wins otherwise (add_vocab and add_key refuse such data; this
	 * holds for any other way in). */
	if (own != NULL && !kll__link_ok(own, KLL__LINK_WEB)) {
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-unsafe-link",
		    d->src, 0,
		    "dataset '%s' has the licence '%.200s', which is not %s",
		    d->id, own, kll__link_policy(KLL__LINK_WEB));
		own = NULL;
	}
	if ((v = kll__pubconf_lookup(c->conf, "license", d->id, 0)) != NULL) {
		d->license = v->value;
		return;
	}
	d->license = own ? own : dflt;
	if (own != NULL && dflt != NULL && strcmp(own, dflt) != 0)
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-license", d->src,
		    0,
		    "dataset '%s' keeps its own licence %s, not "
		    "%s %s: set license.%s to choose",
		    d->id, own, key, dflt, d->id);
	if (d->license == NULL)
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-recommended",
		    d->src, 0,
		    "dataset '%s' has no licence (dcterms:license): "
		    "set %s or license.%s",
		    d->id, key, d->id);
}

/* The date of modification: modified.ID, else the data's own, else the
 * catalog's "modified" lifted to the date of issue where that is later
 * (a dataset issued after the catalog's date was modified when it was
 * issued).  A date of modification that was given and is before the
 * date of issue is an error. */
static void
complete_dates(kll_catalog *c, kll__dataset *d)
{
	const kll__pubval *v = kll__pubconf_lookup(c->conf, "modified", d->id, 0);
	const char *given = v ? v->value : d->own_modified;

	d->modified = given ? given : conf(c, "modified");
	if (d->issued == NULL || d->modified == NULL ||
	    strcmp(d->modified, d->issued) >= 0)
		goto latest;
	if (given == NULL) {
		d->modified = d->issued;
		goto latest;
	}
	kll__catalog_diag(c, KLL_SEV_ERROR, "publish-dates",
	    v ? v->where : d->src, v ? v->line : 0,
	    "dataset '%s' was modified on %s, before it was issued on %s "
	    "(dcterms:modified before dcterms:issued): %s%s",
	    d->id, d->modified, d->issued,
	    v ? "correct modified." : "correct the data, or set modified.",
	    d->id);
latest:
	if (d->modified != NULL &&
	    (c->modified == NULL || strcmp(d->modified, c->modified) > 0))
		c->modified = d->modified;
}

/* The union of two space-separated lists of codes, a's first. */
static const char *
union_codes(kll_catalog *c, const char *a, const char *b)
{
	char buf[256], w[16];
	const char *p;
	size_t n;

	if (a == NULL || b == NULL)
		return a ? a : b;
	snprintf(buf, sizeof(buf), "%s", a);
	for (p = b; *p;) {
		n = strcspn(p, " ");
		snprintf(w, sizeof(w), "%.*s", (int)(n < 15 ? n : 15), p);
		if (strstr(buf, w) == NULL && strlen(buf) + n + 2 < sizeof(buf))
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    " %s", w);
		p += n;
		while (*p == ' ')
			p++;
	}
	return fmt(c, "%s", buf);
}

/* Languages, frequency, period and short name: the configuration for
 * the dataset, else the data, else the configuration for all. */
static void
complete_more(kll_catalog *c, kll__dataset *d)
{
	const kll__pubval *v;
	const kll__dataset *a, *b;
	const char *slash;

	if ((v = kll__pubconf_lookup(c->conf, "language", d->id, 0)) != NULL)
		d->langs = v->value;
	else if (d->kind == KLL__VOCAB)
		d->langs = d->own_langs;
	else if ((a = vocab_dataset(c, d->side_id[0])) != NULL ||
	         (b = vocab_dataset(c, d->side_id[1])) != NULL) {
		a = vocab_dataset(c, d->side_id[0]);
		b = vocab_dataset(c, d->side_id[1]);
		d->langs = union_codes(
		    c, a ? a->langs : NULL, b ? b->langs : NULL);
	}
	if (d->langs == NULL)
		d->langs = conf(c, "language") ? conf(c, "language") : "SWE ENG";
	if ((v = kll__pubconf_lookup(c->conf, "accrual-periodicity", d->id,
	         0)) != NULL)
		d->freq = v->value;
	else if (d->own_freq != NULL &&
	         (slash = strrchr(d->own_freq, '/')) != NULL &&
	         strncmp(d->own_freq, EU_AUTH "frequency/",
	             sizeof(EU_AUTH "frequency/") - 1) == 0)
		d->freq = slash + 1;
	else
		d->freq = conf(c, "accrual-periodicity");
	if ((v = kll__pubconf_lookup(c->conf, "temporal", d->id, 0)) != NULL)
		d->temporal = v->value;
	else if (d->own_start != NULL || d->own_end != NULL)
		d->temporal = fmt(c, "%s/%s", d->own_start ? d->own_start : "",
		    d->own_end ? d->own_end : "");
	else
		d->temporal = conf(c, "temporal");
	if ((v = kll__pubconf_lookup(c->conf, "notation", d->id, 0)) != NULL)
		d->notation = v->value;
	else
		d->notation = d->own_ident ? d->own_ident : d->id;
}

static void
complete_dataset(kll_catalog *c, kll__dataset *d)
{
	static const char *const lname[2] = { "Swedish", "English" };
	const kll__pubval *v;
	int l;

	complete_texts(c, d);
	complete_keywords(c, d);
	complete_themes(c, d);
	complete_license(c, d);
	/* The dataset was issued when its data says, else when the catalog
	 * was first published. */
	v = kll__pubconf_lookup(c->conf, "issued", d->id, 0);
	d->issued = v ? v->value : d->own_issued;
	if (d->issued == NULL)
		d->issued = conf(c, "issued");
	complete_dates(c, d);
	complete_more(c, d);
	if (d->title[0] == NULL && d->title[1] == NULL)
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-missing", d->src,
		    0,
		    "dataset '%s' has no title (dcterms:title): set "
		    "title-sv.%s or title-en.%s",
		    d->id, d->id, d->id);
	for (l = 0; l < 2; l++)
		if (d->title[l] == NULL && d->title[1 - l] != NULL)
			kll__catalog_diag(c, KLL_SEV_WARNING,
			    "publish-recommended", d->src, 0,
			    "dataset '%s' "
			    "has no %s title: set title-%s.%s",
			    d->id, lname[l], langs[l], d->id);
	if (d->issued == NULL)
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-recommended",
		    d->src, 0,
		    "dataset '%s' has no date of issue "
		    "(dcterms:issued) in its data: set issued.%s or issued",
		    d->id, d->id);
}

/* ------------------------------------------------------------------ */
/* The catalog-wide checks                                              */

static const struct need {
	const char *key;
	const char *what;
} mandatory[] = {
	{ "publisher", "the publishing organisation's name (foaf:name)" },
	{ "orgnr", "its organisation number, which names it as "
		   "http://dataportal.se/organisation/SE<orgnr>" },
	{ "publisher-type", "its type on the ADMS list (dcterms:type), such "
			    "as NationalAuthority" },
	{ "email", "the e-mail address of the contact point "
		   "(vcard:hasEmail)" },
	{ "base-url", "the absolute URL the folder is served at, from which "
		      "every IRI of the catalog is made" },
}, recommended[] = {
	{ "modified", "the date of this publication (dcterms:modified)" },
	{ "issued", "the date the catalog was first published "
		    "(dcterms:issued)" },
	{ "homepage", "the catalog's web page (foaf:homepage)" },
	{ "availability", "how long the files stay available "
			  "(dcatap:availability): STABLE, AVAILABLE, ..." },
};

static void
check_texts(kll_catalog *c, const char *key, const char *prop)
{
	char sv[64], en[64];
	const char *a, *b;

	snprintf(sv, sizeof(sv), "%s-sv", key);
	snprintf(en, sizeof(en), "%s-en", key);
	a = conf(c, sv), b = conf(c, en);
	if (a == NULL && b == NULL)
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-missing", NULL, 0,
		    "missing '%s' or '%s': the catalog's %s", sv, en, prop);
	else if (a == NULL || b == NULL)
		kll__catalog_diag(c, KLL_SEV_WARNING, "publish-recommended",
		    NULL, 0, "missing '%s': the catalog's %s in %s",
		    a ? en : sv, prop, a ? "English" : "Swedish");
}

static int
published(const kll_catalog *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nds; i++)
		if (strcmp(c->ds[i].id, id) == 0)
			return 1;
	return 0;
}

/* Per-dataset keys for datasets not in the catalog: likely a typo. */
static void
check_unused(kll_catalog *c)
{
	const kll__pubval *v;
	const char *id, *key;
	size_t i;

	for (i = 0; kll__pubconf_dataset_at(c->conf, i, &id, &v, &key); i++)
		if (!published(c, id))
			kll__catalog_diag(c, KLL_SEV_WARNING, "publish-unused",
			    v->where, v->line,
			    "no dataset '%s' is published: "
			    "'%s.%s' is not used",
			    id, key, id);
}

kll_status
kll__catalog_complete(kll_catalog *c, kll_error *err)
{
	size_t i;

	c->nerrors = 0;
	c->modified = conf(c, "modified");
	if (conf(c, "issued") != NULL && c->modified != NULL &&
	    strcmp(c->modified, conf(c, "issued")) < 0)
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-dates", NULL, 0,
		    "the catalog was modified on %s, before it was issued on "
		    "%s (dcterms:modified before dcterms:issued): correct "
		    "'modified' or 'issued'",
		    c->modified, conf(c, "issued"));
	for (i = 0; i < sizeof(mandatory) / sizeof(mandatory[0]); i++)
		if (conf(c, mandatory[i].key) == NULL)
			kll__catalog_diag(c, KLL_SEV_ERROR, "publish-missing",
			    NULL, 0, "missing '%s': %s", mandatory[i].key,
			    mandatory[i].what);
	check_texts(c, "title", "title (dcterms:title)");
	check_texts(c, "description", "description (dcterms:description)");
	for (i = 0; i < sizeof(recommended) / sizeof(recommended[0]); i++)
		if (conf(c, recommended[i].key) == NULL)
			kll__catalog_diag(c, KLL_SEV_WARNING,
			    "publish-recommended", NULL, 0, "missing '%s': %s",
			    recommended[i].key, recommended[i].what);
	if (c->nds == 0)
		kll__catalog_diag(c, KLL_SEV_ERROR, "publish-missing", NULL, 0,
		    "no dataset to publish (dcat:dataset)");
	/* The vocabularies first: the keys' titles name them. */
	for (i = 0; i < c->nds; i++)
		if (c->ds[i].kind == KLL__VOCAB)
			complete_dataset(c, &c->ds[i]);
	for (i = 0; i < c->nds; i++)
		if (c->ds[i].kind == KLL__KEY)
			complete_dataset(c, &c->ds[i]);
	check_unused(c);
	/* Every text above comes from the arena: one check suffices. */
	for (i = 0; i < c->nds; i++)
		if (c->ds[i].desc[0] == NULL || c->ds[i].desc[1] == NULL ||
		    c->ds[i].keywords[0] == NULL ||
		    c->ds[i].keywords[1] == NULL)
			return kll__nomem(err);
	return KLL_OK;
}

kll_status
kll_catalog_check(kll_catalog *c, size_t *nerrors, kll_error *err)
{
	kll_status st = kll__catalog_complete(c, err);

	if (nerrors != NULL)
		*nerrors = c->nerrors;
	return st;
}

/* ------------------------------------------------------------------ */
/* The graph                                                            */

#define NS_DCATAP "http://data.europa.eu/r5r/"
#define CC0       "http://creativecommons.org/publicdomain/zero/1.0/"
#define IANA      "https://www.iana.org/assignments/media-types/"

typedef struct gctx {
	kll_catalog *c;
	kll__rdf *g;
	const char *publisher, *contact;
	int nomem; /* an IRI could not be made */
} gctx;

/* The graph's adds, where a NULL subject or object is an IRI that could
 * not be made for want of memory. */
static void
iri3(gctx *x, const char *s, const char *p, const char *o)
{
	if (s == NULL || o == NULL)
		x->nomem = 1;
	else
		kll__rdf_add_iri(x->g, s, p, o);
}

static void
lit3(gctx *x, const char *s, const char *p, const char *text, const char *lang)
{
	if (s == NULL)
		x->nomem = 1;
	else
		kll__rdf_add_lit(x->g, s, p, text, lang);
}

static void
typed3(gctx *x, const char *s, const char *p, const char *text,
    const char *datatype)
{
	if (s == NULL)
		x->nomem = 1;
	else
		kll__rdf_add_typed(x->g, s, p, text, datatype);
}

static void
add_type(gctx *x, const char *s, const char *cls)
{
	iri3(x, s, NS_RDF "type", cls);
}

/* A concept of a controlled list, with its labels. */
static void
add_concept(
    gctx *x, const char *s, const char *p, const char *o, const char *code)
{
	iri3(x, s, p, o);
	if (o == NULL)
		return;
	kll__rdf_add_iri(x->g, o, NS_RDF "type", NS_SKOS "Concept");
	kll__rdf_add_lit(
	    x->g, o, NS_SKOS "prefLabel", kll__choice_label(code, "sv"), "sv");
	kll__rdf_add_lit(
	    x->g, o, NS_SKOS "prefLabel", kll__choice_label(code, "en"), "en");
}

/* A resource the catalog refers to, typed as DCAT-AP wants its range. */
static void
add_ref(gctx *x, const char *s, const char *p, const char *o, const char *cls)
{
	iri3(x, s, p, o);
	add_type(x, o, cls);
}

static void
add_date(gctx *x, const char *s, const char *p, const char *date)
{
	if (date != NULL)
		typed3(x, s, p, date, NS_XSD "date");
}

static void
add_texts(gctx *x, const char *s, const char *p, const char *const t[2])
{
	lit3(x, s, p, t[0], "sv");
	lit3(x, s, p, t[1], "en");
}

static const struct standard {
	const char *iri, *title;
} standards[] = {
	{ "http://www.w3.org/2004/02/skos/core",
	    "SKOS Simple Knowledge Organization System" },
	{ "http://rdf-vocabulary.ddialliance.org/xkos",
	    "XKOS: an SKOS extension for representing statistical "
	    "classifications" },
	{ "https://w3id.org/sssom/",
	    "SSSOM: Simple Standard for Sharing Ontological Mappings" },
	{ "https://www.rfc-editor.org/rfc/rfc4180",
	    "Common Format and MIME Type for Comma-Separated Values (CSV) "
	    "Files" },
};

static void
add_standard(gctx *x, const char *s, const char *iri)
{
	size_t i;

	add_ref(x, s, NS_DCT "conformsTo", iri, NS_DCT "Standard");
	for (i = 0; i < sizeof(standards) / sizeof(standards[0]); i++)
		if (strcmp(standards[i].iri, iri) == 0)
			lit3(x, iri, NS_DCT "title", standards[i].title, "en");
}

static void
add_publisher(gctx *x)
{
	kll_catalog *c = x->c;
	const char *type = conf(c, "publisher-type");
	const char *t;

	add_type(x, x->publisher, NS_FOAF "Agent");
	add_type(x, x->publisher, NS_FOAF "Organization");
	lit3(x, x->publisher, NS_FOAF "name", conf(c, "publisher"), "sv");
	lit3(x, x->publisher, NS_FOAF "name", conf(c, "publisher-en"), "en");
	lit3(x, x->publisher, NS_DCT "identifier", conf(c, "orgnr"), NULL);
	if ((t = conf(c, "publisher-homepage")) != NULL)
		add_ref(x, x->publisher, NS_FOAF "homepage", t,
		    NS_FOAF "Document");
	if ((t = conf(c, "publisher-email")) != NULL)
		iri3(x, x->publisher, NS_FOAF "mbox", fmt(c, "mailto:%s", t));
	if (type != NULL)
		add_concept(x, x->publisher, NS_DCT "type",
		    fmt(c, "http://purl.org/adms/publishertype/%s", type),
		    type);

	t = conf(c, "contact-type");
	add_type(x, x->contact, NS_VCARD "Kind");
	add_type(x, x->contact, fmt(c, NS_VCARD "%s", t ? t : "Organization"));
	t = conf(c, "contact-name");
	lit3(x, x->contact, NS_VCARD "fn", t ? t : conf(c, "publisher"), NULL);
	if ((t = conf(c, "email")) != NULL)
		iri3(
		    x, x->contact, NS_VCARD "hasEmail", fmt(c, "mailto:%s", t));
	if ((t = conf(c, "contact-phone")) != NULL)
		iri3(x, x->contact, NS_VCARD "hasTelephone", fmt(c, "tel:%s", t));
	if (conf(c, "contact-street") != NULL ||
	    conf(c, "contact-postcode") != NULL ||
	    conf(c, "contact-locality") != NULL) {
		const char *a = kll__catalog_iri(c, "contact/address");
		add_ref(x, x->contact, NS_VCARD "hasAddress", a,
		    NS_VCARD "Address");
		lit3(x, a, NS_VCARD "street-address",
		    conf(c, "contact-street"), NULL);
		lit3(x, a, NS_VCARD "postal-code", conf(c, "contact-postcode"),
		    NULL);
		lit3(x, a, NS_VCARD "locality", conf(c, "contact-locality"),
		    NULL);
	}
}

static void
add_themes(gctx *x, const char *s, unsigned themes)
{
	const char *t;
	int i;

	for (i = 0; i < KLL__NTHEMES; i++) {
		if (!(themes & (1u << i)))
			continue;
		t = fmt(x->c, EU_AUTH "data-theme/%s", kll__theme_code(i));
		add_ref(x, s, NS_DCAT "theme", t, NS_SKOS "Concept");
		lit3(
		    x, t, NS_SKOS "prefLabel", kll__theme_label(i, "sv"), "sv");
		lit3(
		    x, t, NS_SKOS "prefLabel", kll__theme_label(i, "en"), "en");
		iri3(x, t, NS_SKOS "inScheme", EU_AUTH "data-theme");
	}
}

static void
add_keywords(gctx *x, const char *s, const char *list, const char *lang)
{
	const char *p = list, *comma;
	char w[512];
	size_t n;

	while (p != NULL && *p != '\0') {
		comma = strstr(p, ", ");
		n = comma ? (size_t)(comma - p) : strlen(p);
		snprintf(w, sizeof(w), "%.*s", (int)n, p);
		lit3(x, s, NS_DCAT "keyword", w, lang);
		p = comma ? comma + 2 : NULL;
	}
}

static void
add_distribution(gctx *x, const kll__dataset *d, const kll__pubfile *f)
{
	kll_catalog *c = x->c;
	const char *base = conf(c, "base-url");
	const char *avail = conf(c, "availability");
	const char *s =
	    kll__catalog_iri(c, fmt(c, "dataset/%s/%s", d->id, f->tag));
	const char *url = fmt(c, "%s%s", base, f->rel);
	const char *sum =
	    kll__catalog_iri(c, fmt(c, "dataset/%s/%s/sha1", d->id, f->tag));
	const char *const what[2] = { f->what_sv, f->what_en };
	char size[32];
	size_t i;

	if (s == NULL || url == NULL || sum == NULL) {
		x->nomem = 1;
		return;
	}
	iri3(x, d->iri, NS_DCAT "distribution", s);
	add_type(x, s, NS_DCAT "Distribution");
	add_texts(x, s, NS_DCT "description", what);
	/* Its title: the dataset's, and the file's name. */
	lit3(x, s, NS_DCT "title",
	    fmt(c, "%s (%s)", d->title[0] ? d->title[0] : d->title[1],
	        strrchr(f->rel, '/') ? strrchr(f->rel, '/') + 1 : f->rel),
	    "sv");
	lit3(x, s, NS_DCT "title",
	    fmt(c, "%s (%s)", d->title[1] ? d->title[1] : d->title[0],
	        strrchr(f->rel, '/') ? strrchr(f->rel, '/') + 1 : f->rel),
	    "en");
	iri3(x, s, NS_DCAT "accessURL", url);
	iri3(x, s, NS_DCAT "downloadURL", url);
	lit3(x, s, NS_DCT "format", f->media, NULL);
	add_ref(x, s, NS_DCAT "mediaType", fmt(c, IANA "%s", f->media),
	    NS_DCT "MediaType");
	snprintf(size, sizeof(size), "%llu", (unsigned long long)f->size);
	typed3(x, s, NS_DCAT "byteSize", size, NS_XSD "nonNegativeInteger");
	iri3(x, s, NS_SPDX "checksum", sum);
	add_type(x, sum, NS_SPDX "Checksum");
	add_ref(x, sum, NS_SPDX "algorithm", NS_SPDX "checksumAlgorithm_sha1",
	    NS_SPDX "ChecksumAlgorithm");
	typed3(x, sum, NS_SPDX "checksumValue", f->sha1, NS_XSD "hexBinary");
	if (d->license != NULL && kll__link_ok(d->license, KLL__LINK_WEB))
		add_ref(x, s, NS_DCT "license", d->license,
		    NS_DCT "LicenseDocument");
	if (avail != NULL)
		add_concept(x, s, NS_DCATAP "availability",
		    fmt(c, EU_AUTH "planned-availability/%s", avail), avail);
	for (i = 0; i < 3 && f->conforms[i] != NULL; i++)
		add_standard(x, s, f->conforms[i]);
}

/* dcterms:language, one per EU code of the space-separated list. */
static void
add_languages(gctx *x, const char *s, const char *list)
{
	const char *p, *space;
	char code[8];

	for (p = list; p != NULL && *p != '\0';) {
		space = strchr(p, ' ');
		snprintf(code, sizeof(code), "%.*s",
		    (int)(space ? (size_t)(space - p) : strlen(p)), p);
		add_ref(x, s, NS_DCT "language",
		    fmt(x->c, EU_AUTH "language/%s", code),
		    NS_DCT "LinguisticSystem");
		p = space ? space + 1 : NULL;
	}
}

/* dcterms:temporal: a dcterms:PeriodOfTime "iri" of "START/END". */
static void
add_period(gctx *x, const char *s, const char *iri, const char *period)
{
	const char *slash = strchr(period, '/');
	char start[16];

	if (slash == NULL)
		return;
	snprintf(start, sizeof(start), "%.*s", (int)(slash - period), period);
	add_ref(x, s, NS_DCT "temporal", iri, NS_DCT "PeriodOfTime");
	if (start[0] != '\0')
		typed3(x, iri, NS_DCAT "startDate", start, NS_XSD "date");
	if (slash[1] != '\0')
		typed3(x, iri, NS_DCAT "endDate", slash + 1, NS_XSD "date");
}

static void
add_dataset(gctx *x, const kll__dataset *d)
{
	kll_catalog *c = x->c;
	const char *s = d->iri, *spatial = conf(c, "spatial");
	const kll__dataset *rel;
	const char *q;
	size_t i;
	int side;

	add_type(x, s, NS_DCAT "Dataset");
	add_texts(x, s, NS_DCT "title", d->title);
	add_texts(x, s, NS_DCT "description", d->desc);
	iri3(x, s, NS_DCT "publisher", x->publisher);
	iri3(x, s, NS_DCAT "contactPoint", x->contact);
	add_keywords(x, s, d->keywords[0], "sv");
	add_keywords(x, s, d->keywords[1], "en");
	add_themes(x, s, d->themes);
	lit3(x, s, NS_DCT "identifier", d->uuid, NULL);
	add_date(x, s, NS_DCT "issued", d->issued);
	add_date(x, s, NS_DCT "modified", d->modified);
	lit3(x, s, NS_DCAT "version", d->version, NULL);
	add_languages(x, s, d->langs);
	if (d->freq != NULL)
		add_ref(x, s, NS_DCT "accrualPeriodicity",
		    fmt(c, EU_AUTH "frequency/%s", d->freq),
		    NS_DCT "Frequency");
	if (d->temporal != NULL)
		add_period(x, s, kll__catalog_iri(c, fmt(c, "dataset/%s/period",
		                                     d->id)),
		    d->temporal);
	add_ref(x, s, NS_DCT "spatial",
	    fmt(c, EU_AUTH "country/%s", spatial ? spatial : "SWE"),
	    NS_DCT "Location");
	add_ref(x, s, NS_DCT "accessRights", EU_AUTH "access-right/PUBLIC",
	    NS_DCT "RightsStatement");
	add_ref(x, s, NS_DCAT "landingPage",
	    fmt(c, "%sindex.html#%s", conf(c, "base-url"), d->id),
	    NS_FOAF "Document");
	if (d->page != NULL && kll__link_ok(d->page, KLL__LINK_WEB))
		add_ref(x, s, NS_FOAF "page", d->page, NS_FOAF "Document");
	add_standard(x, s, standards[d->kind == KLL__VOCAB ? 0 : 2].iri);
	add_standard(x, s, standards[d->kind == KLL__VOCAB ? 1 : 0].iri);
	if (d->kind == KLL__KEY)
		add_standard(x, s, standards[1].iri);
	/* A key's vocabularies in the roles XKOS gives them: the source and
	 * the target of the correspondence. */
	for (side = 0; d->kind == KLL__KEY && side < 2; side++) {
		if ((rel = vocab_dataset(c, d->side_id[side])) == NULL)
			continue;
		q = kll__catalog_iri(c, fmt(c, "dataset/%s/%s", d->id,
		                            side ? "target" : "source"));
		add_ref(x, s, NS_DCAT "qualifiedRelation", q,
		    NS_DCAT "Relationship");
		iri3(x, q, NS_DCT "relation", rel->iri);
		add_ref(x, q, NS_DCAT "hadRole",
		    side ? NS_XKOS "correspondenceToRole" :
		           NS_XKOS "correspondenceFromRole",
		    NS_DCAT "Role");
	}
	for (i = 0; i < d->nfiles; i++)
		add_distribution(x, d, &d->file[i]);
}

static void
add_catalog(gctx *x, const char *s)
{
	kll_catalog *c = x->c;
	const char *const title[2] = { conf(c, "title-sv"),
		conf(c, "title-en") };
	const char *const desc[2] = { conf(c, "description-sv"),
		conf(c, "description-en") };
	const char *lang = conf(c, "language"), *spatial = conf(c, "spatial");
	size_t i;

	add_type(x, s, NS_DCAT "Catalog");
	add_texts(x, s, NS_DCT "title", title);
	add_texts(x, s, NS_DCT "description", desc);
	iri3(x, s, NS_DCT "publisher", x->publisher);
	add_ref(x, s, NS_DCT "license", CC0, NS_DCT "LicenseDocument");
	add_languages(x, s, lang ? lang : "SWE ENG");
	add_date(x, s, NS_DCT "issued", conf(c, "issued"));
	add_date(x, s, NS_DCT "modified", c->modified);
	if (conf(c, "homepage") != NULL)
		add_ref(x, s, NS_FOAF "homepage", conf(c, "homepage"),
		    NS_FOAF "Document");
	add_ref(x, s, NS_DCT "spatial",
	    fmt(c, EU_AUTH "country/%s", spatial ? spatial : "SWE"),
	    NS_DCT "Location");
	add_ref(x, s, NS_DCAT "themeTaxonomy", EU_AUTH "data-theme",
	    NS_SKOS "ConceptScheme");
	lit3(x, EU_AUTH "data-theme", NS_DCT "title", "Data theme", "en");
	for (i = 0; i < c->nds; i++)
		iri3(x, s, NS_DCAT "dataset", c->ds[i].iri);
}

static void
set_prefixes(kll__rdf *g)
{
	static const char *const ns[][2] = { { "dcat", NS_DCAT },
		{ "dcatap", NS_DCATAP }, { "dcterms", NS_DCT },
		{ "foaf", NS_FOAF }, { "rdf", NS_RDF }, { "skos", NS_SKOS },
		{ "spdx", NS_SPDX }, { "vcard", NS_VCARD }, { "xkos", NS_XKOS },
		{ "xsd", NS_XSD } };
	size_t i;

	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		kll__rdf_prefix(g, ns[i][0], ns[i][1]);
}

kll_status
kll__catalog_write_rdf(kll_catalog *c, FILE *fp, const char *syntax,
    const char *name, kll_error *err)
{
	kll__rdf *g = NULL;
	kll_status st;
	gctx x;
	size_t i;

	if ((st = kll__rdf_new(&g, NULL, NULL, NULL, err)) != KLL_OK)
		return st;
	memset(&x, 0, sizeof(x));
	x.c = c, x.g = g;
	x.publisher =
	    fmt(c, "http://dataportal.se/organisation/SE%s", conf(c, "orgnr"));
	x.contact = kll__catalog_iri(c, "contact");
	set_prefixes(g);
	if (x.publisher == NULL || x.contact == NULL) {
		st = kll__nomem(err);
		goto out;
	}
	add_catalog(&x, kll__catalog_iri(c, "catalog"));
	add_publisher(&x);
	for (i = 0; i < c->nds; i++)
		add_dataset(&x, &c->ds[i]);
	if (x.nomem) {
		st = kll__nomem(err);
		goto out;
	}
	st = kll__rdf_write(g, fp, syntax, name, err);
out:
	kll__rdf_free(g);
	return st;
}
