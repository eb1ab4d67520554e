/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test_publish.c: the publisher's configuration (lib/pub_config.c), the
 * DCAT-AP-SE catalog and its digests (lib/pub_dcat.c) and the published
 * folder (lib/publish.c). */
/* A test, not lib/: it may call malloc() and the like, which
 * internal.h poisons for the library (see there). */
#define KLL__ALLOC_C
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kll.h"
#include "pub.h"

#define DATA "tests/data/"
#define CONF DATA "publish/fixture.conf"

typedef struct diags {
	kll_error d[64];
	size_t n, errors, warnings;
} diags;

static void
collect(void *payload, const kll_error *d)
{
	diags *ds = payload;

	if (d->severity == KLL_SEV_ERROR)
		ds->errors++;
	if (d->severity == KLL_SEV_WARNING)
		ds->warnings++;
	if (ds->n < 64)
		ds->d[ds->n++] = *d;
}

/* The first diagnostic whose message contains "text", or NULL. */
static const kll_error *
find_diag(const diags *ds, const char *text)
{
	size_t i;

	for (i = 0; i < ds->n; i++)
		if (strstr(ds->d[i].msg, text) != NULL)
			return &ds->d[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Digests                                                              */

static void
test_sha1_vectors(void **state)
{
	char hex[41];
	unsigned char md[20];
	kll__sha1 s;
	char block[1003];
	int i;

	(void)state;
	kll__sha1_hex("", 0, hex);
	assert_string_equal(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	kll__sha1_hex("abc", 3, hex);
	assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
	kll__sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnop"
	              "nopq",
	    56, hex);
	assert_string_equal(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	/* A million 'a's in pieces that straddle the blocks. */
	memset(block, 'a', sizeof(block));
	kll__sha1_init(&s);
	for (i = 0; i < 1000; i++)
		kll__sha1_update(&s, block, i % 2 ? 997 : 1003);
	kll__sha1_final(&s, md);
	for (i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	assert_string_equal(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

static void
test_uuid5(void **state)
{
	char u[37];

	(void)state;
	/* As Python's uuid.uuid5(uuid.NAMESPACE_URL, name) gives them. */
	kll__uuid5_url("http://python.org/", u);
	assert_string_equal(u, "4c565f0d-3f5a-5890-b41b-20cf47701c5e");
	kll__uuid5_url(
	    "https://data.example.se/kll/catalog.rdf#dataset/occ", u);
	assert_string_equal(u, "76911f63-846f-5c9f-a2f7-55488971ba63");
}

/* ------------------------------------------------------------------ */
/* The configuration                                                    */

static kll_pubconf *
new_conf(void)
{
	kll_pubconf *c = NULL;
	kll_error err;

	assert_int_equal(kll_pubconf_new(&c, &err), KLL_OK);
	assert_non_null(c);
	return c;
}

static void
conf_ok(kll_pubconf *c, const char *key, const char *value, const char *want)
{
	kll_error err;

	assert_int_equal(
	    kll_pubconf_set(c, key, value, "--test", 0, &err), KLL_OK);
	assert_string_equal(kll_pubconf_get(c, key), want);
}

static void
conf_bad(kll_pubconf *c, const char *key, const char *value, const char *rule,
    const char *msg)
{
	kll_error err;

	assert_int_equal(kll_pubconf_set(c, key, value, "where.conf", 7, &err),
	    KLL_EINVALID);
	assert_string_equal(err.file, "where.conf");
	assert_int_equal(err.line, 7);
	assert_string_equal(err.rule, rule);
	assert_non_null(strstr(err.msg, msg));
}

static void
test_conf_values(void **state)
{
	kll_pubconf *c = new_conf();

	(void)state;
	conf_ok(c, "orgnr", "123456-7897", "1234567897");
	conf_ok(c, "orgnr", "1234567897", "1234567897");
	conf_ok(c, "email", "mailto:a.b@example.se", "a.b@example.se");
	conf_ok(
	    c, "base-url", "https://x.example.se/a", "https://x.example.se/a/");
	conf_ok(c, "base-url", "http://x.example.se/", "http://x.example.se/");
	conf_ok(c, "publisher-type",
	    "http://purl.org/adms/publishertype/LocalAuthority",
	    "LocalAuthority");
	conf_ok(c, "publisher-type", "nationalauthority", "NationalAuthority");
	conf_ok(c, "contact-type", "Individual", "Individual");
	conf_ok(c, "contact-type", "organisation", "Organization");
	conf_ok(c, "language", "sv, en fi,SME", "SWE ENG FIN SME");
	conf_ok(c, "theme", "soci,econ  EDUC", "ECON EDUC SOCI");
	assert_int_equal(
	    kll_pubconf_set(c, "theme.occ", "tran", "--set", 0, NULL), KLL_OK);
	conf_ok(c, "availability", "stable", "STABLE");
	conf_ok(c, "spatial", "nor", "NOR");
	conf_ok(c, "issued", "2024-02-29", "2024-02-29");
	conf_ok(c, "vocab-license",
	    "https://creativecommons.org/licenses/by/4.0",
	    "http://creativecommons.org/licenses/by/4.0/");
	conf_ok(c, "key-license",
	    "https://www.creativecommons.org/publicdomain/zero/1.0/",
	    "http://creativecommons.org/publicdomain/zero/1.0/");
	conf_ok(c, "key-license", "http://data.europa.eu/eli/dec/2011/833/oj",
	    "http://data.europa.eu/eli/dec/2011/833/oj");
	conf_ok(c, "title-sv", "Klassifikationer", "Klassifikationer");
	conf_ok(c, "publisher", "Statistiska centralbyrån (SCB)",
	    "Statistiska centralbyrån (SCB)");
	/* A dataset's value is not the plain key's. */
	assert_string_equal(kll_pubconf_get(c, "theme"), "ECON EDUC SOCI");
	assert_string_equal(
	    kll__pubconf_lookup(c, "theme", "occ", 1)->value, "TRAN");
	assert_string_equal(
	    kll__pubconf_lookup(c, "theme", "isc", 1)->value, "ECON EDUC SOCI");
	assert_null(kll__pubconf_lookup(c, "theme", "isc", 0));
	assert_null(kll_pubconf_get(c, "homepage"));
	assert_null(kll_pubconf_get(c, "no-such-key"));
	kll_pubconf_free(c);
}

static void
test_conf_bad_values(void **state)
{
	kll_pubconf *c = new_conf();

	(void)state;
	conf_bad(c, "orgnr", "123456-7890", "publish-bad-value",
	    "valid check digit");
	conf_bad(c, "orgnr", "12345-67897", "publish-bad-value",
	    "bad organisation number");
	conf_bad(c, "orgnr", "12345678970", "publish-bad-value",
	    "bad organisation number");
	conf_bad(c, "email", "nobody", "publish-bad-value", "e-mail");
	conf_bad(c, "email", "a@b", "publish-bad-value", "e-mail");
	conf_bad(c, "email", "a b@example.se", "publish-bad-value", "e-mail");
	conf_bad(c, "email", "a@-example.se", "publish-bad-value", "e-mail");
	conf_bad(
	    c, "base-url", "data/kll", "publish-bad-value", "not absolute");
	conf_bad(
	    c, "base-url", "https://", "publish-bad-value", "not absolute");
	conf_bad(c, "base-url", "https://x.se/a?b", "publish-bad-value",
	    "not absolute");
	conf_bad(c, "base-url", "https://x.se/a b", "publish-bad-value",
	    "not absolute");
	conf_bad(c, "homepage", "ftp://x.se/", "publish-bad-value", "bad URL");
	conf_bad(c, "theme", "SOCI WORK", "publish-bad-value",
	    "unknown theme 'WORK'");
	conf_bad(c, "theme", "OP_DATPRO", "publish-bad-value", "unknown theme");
	conf_bad(c, "theme", " , ", "publish-bad-value", "no theme");
	conf_bad(c, "issued", "2023-02-29", "publish-bad-value", "bad date");
	conf_bad(c, "issued", "2023-13-01", "publish-bad-value", "bad date");
	conf_bad(c, "modified", "2023-1-01", "publish-bad-value", "bad date");
	conf_bad(c, "publisher-type", "Agency", "publish-bad-value",
	    "publisher type");
	conf_bad(
	    c, "contact-type", "group", "publish-bad-value", "contact type");
	conf_bad(
	    c, "language", "svenska", "publish-bad-value", "unknown language");
	conf_bad(
	    c, "availability", "always", "publish-bad-value", "availability");
	conf_bad(c, "spatial", "SE", "publish-bad-value", "country");
	conf_bad(c, "vocab-license", "CC0", "publish-bad-value", "licence");
	conf_bad(c, "title-sv", "", "publish-bad-value", "empty value");
	conf_bad(
	    c, "title-sv", "a\tb", "publish-bad-value", "control character");
	conf_bad(c, "title-sv", "\xff", "publish-bad-value", "not UTF-8");
	conf_bad(
	    c, "keywords-sv.occ", ", ,", "publish-bad-value", "no keyword");
	conf_bad(c, "nokey", "x", "publish-unknown-key", "unknown key");
	conf_bad(c, "orgnr.occ", "1234567897", "publish-unknown-key",
	    "not set per dataset");
	conf_bad(
	    c, "theme.o c", "ECON", "publish-unknown-key", "bad dataset id");
	conf_bad(c, "license", "http://x.se/l", "publish-unknown-key",
	    "needs a dataset");
	assert_null(kll_pubconf_get(c, "orgnr"));
	kll_pubconf_free(c);
}

static void
test_conf_keys(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; kll_pubconf_key_at(i) != NULL; i++)
		;
	assert_int_equal(i, 33);
	assert_string_equal(kll_pubconf_key_at(0), "publisher");
	assert_null(kll_pubconf_key_at(1000));
	kll_pubconf_free(NULL);
}

static void
test_conf_read(void **state)
{
	kll_pubconf *c = new_conf();
	kll_error err;
	diags ds;
	const kll__pubval *v;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	assert_int_equal(kll_pubconf_read(c, CONF, collect, &ds, &err), KLL_OK);
	assert_int_equal(ds.n, 0);
	assert_string_equal(kll_pubconf_get(c, "orgnr"), "1234567897");
	assert_string_equal(
	    kll_pubconf_get(c, "base-url"), "https://data.example.se/kll/");
	v = kll__pubconf_lookup(c, "keywords-sv", "occ", 0);
	assert_non_null(v);
	assert_string_equal(v->value, "yrken, SSYK, test");
	assert_string_equal(v->where, CONF);
	assert_int_equal(v->line, 28);
	/* Options come after the file and win. */
	assert_int_equal(
	    kll_pubconf_set(c, "email", "x@example.se", "--email", 0, &err),
	    KLL_OK);
	assert_string_equal(kll_pubconf_get(c, "email"), "x@example.se");
	kll_pubconf_free(c);
}

static void
test_conf_read_problems(void **state)
{
	kll_pubconf *c = new_conf();
	const kll_error *d;
	kll_error err;
	diags ds;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	assert_int_equal(kll_pubconf_read(c, DATA "publish/problems.conf",
	                     collect, &ds, &err),
	    KLL_EINVALID);
	assert_int_equal(ds.errors, 16);
	/* The failure is the first problem. */
	assert_int_equal(err.line, 3);
	assert_string_equal(err.rule, "publish-config-syntax");
	d = find_diag(&ds, "given twice");
	assert_non_null(d);
	assert_int_equal(d->line, 4);
	assert_string_equal(d->rule, "publish-repeated-key");
	assert_string_equal(d->file, DATA "publish/problems.conf");
	d = find_diag(&ds, "bad date '2025-02-30'");
	assert_non_null(d);
	assert_int_equal(d->line, 9);
	/* The good line stands. */
	assert_string_equal(
	    kll_pubconf_get(c, "publisher"), "Exempelmyndigheten");
	kll_pubconf_free(c);

	/* Without a sink the first problem fails the read. */
	c = new_conf();
	assert_int_equal(kll_pubconf_read(c, DATA "publish/bad-email.conf",
	                     NULL, NULL, &err),
	    KLL_EINVALID);
	assert_int_equal(err.line, 5);
	assert_string_equal(err.rule, "publish-bad-value");
	assert_int_equal(
	    kll_pubconf_read(c, DATA "publish/nosuch.conf", NULL, NULL, &err),
	    KLL_EIO);
	assert_string_equal(err.file, DATA "publish/nosuch.conf");
	assert_int_equal(
	    kll_pubconf_read(c, DATA "publish", NULL, NULL, &err), KLL_EIO);
	kll_pubconf_free(c);
}

static void
test_license_norm(void **state)
{
	kll__arena a = { NULL, 0, 0 };

	(void)state;
	assert_string_equal(kll__license_norm(&a,
	                        "https://creativecommons.org/licenses/by/4.0"),
	    "http://creativecommons.org/licenses/by/4.0/");
	assert_string_equal(kll__license_norm(&a,
	                        "http://creativecommons.org/licenses/by/4.0/"),
	    "http://creativecommons.org/licenses/by/4.0/");
	assert_string_equal(kll__license_norm(&a, "https://example.se/l"),
	    "https://example.se/l");
	assert_int_equal(kll__themes_parse("SOCI, econ nope"),
	    KLL__THEME_SOCI | KLL__THEME_ECON);
	assert_string_equal(
	    kll__theme_label(9, "sv"), "Befolkning och samhälle");
	assert_string_equal(kll__choice_label("STABLE", "en"), "Stable");
	assert_null(kll__choice_label("NOPE", "en"));
	kll__arena_free(&a);
}

/* ------------------------------------------------------------------ */
/* Links and the page's escaping                                        */

static void
test_link_ok(void **state)
{
	(void)state;
	assert_true(kll__link_ok("https://example.se/l?a=1&b=2#x", 0));
	assert_true(kll__link_ok("http://creativecommons.org/", KLL__LINK_WEB));
	assert_true(kll__link_ok("HTTPS://EXAMPLE.SE/", KLL__LINK_WEB));
	assert_true(kll__link_ok("https://example.se/o'brien", KLL__LINK_WEB));
	assert_true(kll__link_ok("urn:isbn:9789100000000", KLL__LINK_ID));
	assert_false(kll__link_ok("urn:isbn:9789100000000", KLL__LINK_WEB));
	assert_false(kll__link_ok("urn:", KLL__LINK_ID));
	assert_false(kll__link_ok("urn:nid", KLL__LINK_ID));
	assert_false(kll__link_ok(NULL, KLL__LINK_ID));
	assert_false(kll__link_ok("", KLL__LINK_WEB));
	assert_false(kll__link_ok("javascript:alert(1)", KLL__LINK_ID));
	assert_false(kll__link_ok("JavaScript:alert(1)", KLL__LINK_ID));
	assert_false(kll__link_ok(" javascript:alert(1)", KLL__LINK_ID));
	assert_false(kll__link_ok("vbscript:msgbox(1)", KLL__LINK_ID));
	assert_false(kll__link_ok("data:text/html,<script>", KLL__LINK_ID));
	assert_false(kll__link_ok("file:///etc/passwd", KLL__LINK_ID));
	assert_false(kll__link_ok("mailto:a@example.se", KLL__LINK_WEB));
	assert_false(kll__link_ok("//example.se/", KLL__LINK_WEB));
	assert_false(kll__link_ok("/relative", KLL__LINK_WEB));
	assert_false(kll__link_ok("http://", KLL__LINK_WEB));
	assert_false(kll__link_ok("http:///path", KLL__LINK_WEB));
	assert_false(kll__link_ok("https://x.se/\"onmouseover=\"a()", 0));
	assert_false(kll__link_ok("https://x.se/<script>", KLL__LINK_WEB));
	assert_false(kll__link_ok("https://x.se/a b", KLL__LINK_WEB));
	assert_false(kll__link_ok("https://x.se/a\tb", KLL__LINK_WEB));
	assert_false(kll__link_ok("https://x.se/a\x7f", KLL__LINK_WEB));
	assert_string_equal(
	    kll__link_policy(KLL__LINK_WEB), "an http or https IRI");
}

/* What "fn" writes for "s", into buf. */
static char *
written(char *buf, size_t size, void (*fn)(FILE *, const char *), const char *s)
{
	FILE *fp;

	buf[0] = '\0';
	assert_non_null(fp = fmemopen(buf, size, "w"));
	fn(fp, s);
	fclose(fp);
	return buf;
}

static char *
link_written(char *buf, size_t size, const char *href, const char *text,
    int kind, int want)
{
	FILE *fp;

	buf[0] = '\0';
	assert_non_null(fp = fmemopen(buf, size, "w"));
	assert_int_equal(kll__html_link(fp, href, text, kind), want);
	fclose(fp);
	return buf;
}

static void
test_html_escape(void **state)
{
	char b[256];

	(void)state;
	assert_string_equal(written(b, sizeof(b), kll__html_text,
	                        "<script>alert(\"x\" & 'y')</script>"),
	    "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
	assert_string_equal(
	    written(b, sizeof(b), kll__html_text, "åäö · ok"), "åäö · ok");
	assert_string_equal(written(b, sizeof(b), kll__html_text, NULL), "");
	assert_string_equal(
	    link_written(b, sizeof(b), "https://x.se/?a=1&b='2'", "<b>", 0, 0),
	    "<a href=\"https://x.se/?a=1&amp;b=&#39;2&#39;\">&lt;b&gt;</a>");
	assert_string_equal(link_written(b, sizeof(b), "javascript:alert(1)",
	                        "javascript:alert(1)", KLL__LINK_ID, -1),
	    "javascript:alert(1)");
	assert_string_equal(
	    link_written(b, sizeof(b), "https://x.se/\"><script>", "<script>",
	        KLL__LINK_WEB, -1),
	    "&lt;script&gt;");
	assert_string_equal(link_written(b, sizeof(b), NULL, "t", 0, -1), "t");
	assert_string_equal(
	    link_written(b, sizeof(b), "urn:x:y", "u", KLL__LINK_WEB, -1), "u");
}

/* ------------------------------------------------------------------ */
/* The catalog                                                          */

typedef struct fixture {
	kll_pubconf *conf;
	kll_catalog *cat;
	diags ds;
	char dir[64];   /* a scratch folder */
	int stop_after; /* stop() says yes after so many polls */
	int polls;
} fixture;

static int
stop_cb(void *payload)
{
	fixture *f = payload;

	return f->stop_after >= 0 && ++f->polls > f->stop_after;
}

static void
fwd_diag(void *payload, const kll_error *d)
{
	collect(&((fixture *)payload)->ds, d);
}

static kll_catalog *
new_catalog(fixture *f, const char *conf_path, const char *dirs)
{
	kll_publish_opts o = KLL_PUBLISH_OPTS_INIT;
	kll_error err;

	f->conf = new_conf();
	if (conf_path != NULL)
		assert_int_equal(
		    kll_pubconf_read(f->conf, conf_path, NULL, NULL, &err),
		    KLL_OK);
	o.dirs = dirs, o.diag = fwd_diag, o.payload = f;
	o.stop = stop_cb;
	assert_int_equal(kll_catalog_new(&f->cat, f->conf, &o, &err), KLL_OK);
	return f->cat;
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	f->stop_after = -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/kll-test-publish-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int
rm_rf(const char *path)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	return system(cmd);
}

static int
teardown(void **state)
{
	fixture *f = *state;

	kll_catalog_free(f->cat);
	kll_pubconf_free(f->conf);
	rm_rf(f->dir);
	free(f);
	return 0;
}

static void
add_fixture(kll_catalog *cat)
{
	kll_error err;

	assert_int_equal(kll_catalog_add_vocab(cat, "occ", &err), KLL_OK);
	assert_int_equal(kll_catalog_add_vocab(cat, "isc", &err), KLL_OK);
	assert_int_equal(
	    kll_catalog_add_key(cat, DATA "map/occ_isc.sssom.tsv", &err),
	    KLL_OK);
}

static void
test_catalog_args(void **state)
{
	kll_catalog *cat = NULL;
	kll_error err;

	(void)state;
	assert_int_equal(kll_catalog_new(&cat, NULL, NULL, &err), KLL_EARG);
	assert_null(cat);
	kll_catalog_free(NULL);
	assert_int_equal(kll_catalog_count(NULL), 0);
	assert_null(kll_catalog_dataset_id(NULL, 0));
}

static void
test_catalog_add(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	kll_error err;

	add_fixture(cat);
	assert_int_equal(kll_catalog_count(cat), 3);
	assert_string_equal(kll_catalog_dataset_id(cat, 0), "occ");
	assert_string_equal(kll_catalog_dataset_id(cat, 2), "occ_isc");
	assert_null(kll_catalog_dataset_id(cat, 3));
	assert_string_equal(
	    cat->ds[0].uuid, "76911f63-846f-5c9f-a2f7-55488971ba63");
	assert_int_equal(cat->ds[0].count, 15);
	assert_int_equal(cat->ds[0].count2, 4);
	assert_int_equal(cat->ds[0].triples, 155);
	assert_string_equal(cat->ds[2].side_id[0], "occ");
	assert_string_equal(cat->ds[2].side_id[1], "isc");

	assert_int_equal(kll_catalog_add_vocab(cat, DATA "vocab/occ.ttl", &err),
	    KLL_EINVALID);
	assert_non_null(strstr(err.msg, "already in the catalog"));
	assert_int_equal(
	    kll_catalog_add_vocab(cat, "nosuch", &err), KLL_ENOTFOUND);
	assert_int_equal(kll_catalog_add_vocab(cat, "-", &err), KLL_EARG);
	assert_int_equal(
	    kll_catalog_add_vocab(cat, DATA "rdf/syntax-error.ttl", &err),
	    KLL_ESYNTAX);
	assert_int_equal(kll_catalog_add_key(cat, "-", &err), KLL_EARG);
	assert_int_equal(
	    kll_catalog_add_key(cat, DATA "publish/bad-key.sssom.tsv", &err),
	    KLL_EINVALID);
	assert_non_null(strstr(err.msg, "1 error"));
	assert_int_equal(
	    kll_catalog_add_key(cat, DATA "publish/no-set-id.sssom.tsv", &err),
	    KLL_EINVALID);
	assert_non_null(strstr(err.msg, "mapping_set_id"));
	assert_int_equal(
	    kll_catalog_add_key(cat, DATA "map/nosuch.sssom.tsv", &err),
	    KLL_EIO);
	assert_int_equal(kll_catalog_count(cat), 3);
}

static void
test_catalog_check(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, NULL, DATA "vocab");
	kll_error err;
	size_t nerrors = 0;

	/* Nothing configured, nothing added. */
	assert_int_equal(kll_catalog_check(cat, &nerrors, &err), KLL_OK);
	assert_int_equal(nerrors, 8);
	assert_non_null(find_diag(&f->ds, "missing 'publisher'"));
	assert_non_null(find_diag(&f->ds, "missing 'base-url'"));
	assert_non_null(find_diag(&f->ds, "no dataset to publish"));
	assert_string_equal(
	    find_diag(&f->ds, "missing 'orgnr'")->rule, "publish-missing");
	assert_string_equal(find_diag(&f->ds, "missing 'homepage'")->rule,
	    "publish-recommended");

	/* Publishing refuses and writes nothing. */
	assert_int_equal(kll_catalog_add_vocab(cat, "occ", &err), KLL_OK);
	assert_int_equal(kll_catalog_publish(cat, f->dir, &err), KLL_EINVALID);
	assert_non_null(strstr(err.msg, "7 errors in the catalog"));
}

static void
test_catalog_complete(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	const kll__dataset *d;
	kll_error err;
	size_t nerrors = 1;

	add_fixture(cat);
	assert_int_equal(
	    kll_pubconf_set(f->conf, "theme.nosuch", "AGRI", "--set", 0, &err),
	    KLL_OK);
	assert_int_equal(kll_catalog_check(cat, &nerrors, &err), KLL_OK);
	assert_int_equal(nerrors, 0);
	assert_int_equal(f->ds.warnings, 1);
	assert_string_equal(f->ds.d[0].rule, "publish-unused");
	assert_string_equal(f->ds.d[0].file, "--set");

	d = &cat->ds[0]; /* occ: from its data and the configuration */
	assert_string_equal(d->title[0], "Yrken");
	assert_string_equal(d->title[1], "Occupations");
	assert_string_equal(d->keywords[0], "yrken, SSYK, test");
	assert_string_equal(d->keywords[1], "classification, code list, SKOS");
	assert_int_equal(d->themes, KLL__THEME_SOCI | KLL__THEME_ECON);
	assert_string_equal(d->issued, "2012-01-01");
	assert_string_equal(
	    d->license, "http://creativecommons.org/publicdomain/zero/1.0/");
	assert_non_null(strstr(d->desc[1], "15 concepts on 4 levels"));
	d = &cat->ds[1]; /* isc: its Swedish title from the config */
	assert_string_equal(
	    d->title[0], "Internationell yrkesklassifikation (test)");
	d = &cat->ds[2]; /* the key: titles from its two vocabularies */
	assert_string_equal(d->title[0],
	    "Översättningsnyckel Yrken – "
	    "Internationell yrkesklassifikation (test)");
	assert_string_equal(
	    d->title[1], "Correspondence table Occupations – ISC");
	assert_int_equal(d->themes, KLL__THEME_SOCI | KLL__THEME_ECON);
	assert_string_equal(d->issued, "2024-01-15"); /* the catalog's */
	assert_string_equal(
	    d->keywords[0], "översättningsnyckel, korrespondenstabell, SSSOM");
}

static void
test_catalog_domains(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "publish/tree/vocab");
	kll_error err;
	size_t nv = 0, nk = 0, nerrors = 0;

	/* The ids kll knows give themes and keywords of their own. */
	assert_int_equal(
	    kll_catalog_add_all(cat, NULL, &nv, &nk, &err), KLL_OK);
	assert_int_equal(nv, 2);
	assert_int_equal(nk, 1);
	cat->ds[0].id = "sun-2020-field";
	cat->ds[1].id = "ssyk-2012";
	cat->ds[2].side_id[0] = "sni2007";
	cat->ds[2].side_id[1] = "nace-2";
	assert_int_equal(kll_catalog_check(cat, &nerrors, &err), KLL_OK);
	assert_int_equal(cat->ds[0].themes, KLL__THEME_EDUC);
	assert_non_null(strstr(cat->ds[0].keywords[1], "education"));
	assert_int_equal(cat->ds[1].themes, KLL__THEME_SOCI | KLL__THEME_ECON);
	assert_int_equal(cat->ds[2].themes, KLL__THEME_ECON);
	assert_string_equal(cat->ds[2].keywords[0],
	    "översättningsnyckel, korrespondenstabell, SSSOM, näringsgrenar");
	/* The tree's edu keeps its own licence, date and description. */
	assert_string_equal(
	    cat->ds[0].license, "http://creativecommons.org/licenses/by/4.0/");
	assert_string_equal(cat->ds[0].issued, "2020-05-04");
	assert_string_equal(cat->ds[0].page, "https://www.example.se/edu");
	assert_non_null(strstr(cat->ds[0].desc[1], "R&D <levels>"));
	assert_non_null(find_diag(&f->ds, "keeps its own licence"));
}

/* The files of a folder, as one string "a b c" sorted. */
static void
list_dir(const char *dir, char *out, size_t size)
{
	char cmd[256];
	FILE *p;
	size_t n;

	snprintf(cmd, sizeof(cmd),
	    "cd '%s' && find . -type f | sort | tr '\\n' ' '", dir);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	assert_non_null(buf = malloc((size_t)n + 1));
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

/* Remove the first occurrence of "line" from s. */
static void
drop_line(char *s, const char *line)
{
	char *p = strstr(s, line);

	assert_non_null(p);
	memmove(p, p + strlen(line), strlen(p + strlen(line)) + 1);
}

static void
test_publish(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	char out[256], files[2048], *a, *b;
	kll_error err;

	add_fixture(cat);
	snprintf(out, sizeof(out), "%s/pub", f->dir);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_OK);
	list_dir(out, files, sizeof(files));
	assert_string_equal(files,
	    "./.kll-publish-manifest ./catalog.rdf ./index.html "
	    "./mappings/occ_isc.html ./mappings/occ_isc.skos.ttl "
	    "./mappings/occ_isc.sssom.tsv ./mappings/occ_isc.xkos.ttl "
	    "./vocab/isc.csv ./vocab/isc.html ./vocab/isc.nt ./vocab/isc.rdf "
	    "./vocab/isc.ttl ./vocab/occ.csv ./vocab/occ.html ./vocab/occ.nt "
	    "./vocab/occ.rdf ./vocab/occ.ttl ");
	assert_int_equal(cat->ds[2].count2, 4); /* associations */
	assert_int_equal(cat->ds[0].nfiles, 4);
	assert_int_equal(cat->ds[0].file[3].size, 1512);
	/* The Turtle of a sorted file is the same bytes, with the scheme's
	 * short name and date of issue, which XKOS wants, added. */
	snprintf(out, sizeof(out), "%s/pub/vocab/occ.ttl", f->dir);
	a = slurp(out);
	b = slurp(DATA "vocab/occ.ttl");
	drop_line(a, "\tdcterms:issued \"2012-01-01\"^^xsd:date ;\n");
	drop_line(a, "\tskos:notation \"occ\" ;\n");
	assert_string_equal(a, b);
	free(a);
	free(b);

	/* Again, into the same folder: the same bytes. */
	snprintf(out, sizeof(out), "%s/pub/catalog.rdf", f->dir);
	a = slurp(out);
	snprintf(out, sizeof(out), "%s/pub/", f->dir);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_OK);
	snprintf(out, sizeof(out), "%s/pub/catalog.rdf", f->dir);
	b = slurp(out);
	assert_string_equal(a, b);
	free(a);
	free(b);
	list_dir(f->dir, files, sizeof(files));
	assert_null(strstr(files, ".tmp"));
	assert_null(strstr(files, ".old"));
}

static void
test_publish_refuses(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	char out[256], path[300];
	kll_error err;
	FILE *fp;

	add_fixture(cat);
	snprintf(out, sizeof(out), "%s/mine", f->dir);
	assert_int_equal(mkdir(out, 0777), 0);
	snprintf(path, sizeof(path), "%s/keep.txt", out);
	assert_non_null(fp = fopen(path, "w"));
	fclose(fp);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_EARG);
	assert_non_null(strstr(err.msg, "has no .kll-publish-manifest"));
	assert_string_equal(err.rule, "publish-foreign");
	assert_int_equal(access(path, F_OK), 0);
	/* A regular file is no folder. */
	assert_int_equal(kll_catalog_publish(cat, path, &err), KLL_EARG);
	assert_non_null(strstr(err.msg, "not a folder"));
	/* An empty folder is fine. */
	snprintf(out, sizeof(out), "%s/empty", f->dir);
	assert_int_equal(mkdir(out, 0777), 0);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_OK);
	snprintf(path, sizeof(path), "%s/catalog.rdf", out);
	assert_int_equal(access(path, F_OK), 0);
	/* A file of others beside those of the last run is kept. */
	snprintf(path, sizeof(path), "%s/robots.txt", out);
	assert_non_null(fp = fopen(path, "w"));
	fclose(fp);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_OK);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(
	    kll_catalog_publish(cat, "/proc/kll-test/x", &err), KLL_EIO);
}

static void
test_publish_interrupted(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	char out[256], files[2048], before[2048];
	kll_error err;
	int n;

	add_fixture(cat);
	snprintf(out, sizeof(out), "%s/pub", f->dir);
	assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_OK);
	list_dir(f->dir, before, sizeof(before));
	/* Interrupted at each point in turn, the old folder stays. */
	for (n = 0; n < 14; n++) {
		f->polls = 0;
		f->stop_after = n;
		assert_int_equal(kll_catalog_publish(cat, out, &err), KLL_EIO);
		assert_string_equal(err.msg, "interrupted");
		list_dir(f->dir, files, sizeof(files));
		assert_string_equal(files, before);
	}
	f->stop_after = -1;
}

/* Data whose licence or source is a script is refused; a licence of
 * the data that is not a safe link never wins over the configured one. */
static void
test_catalog_unsafe_links(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "vocab");
	kll_error err;

	assert_int_equal(
	    kll_catalog_add_vocab(cat, DATA "hostile/js-license.ttl", &err),
	    KLL_EINVALID);
	assert_string_equal(err.rule, "publish-unsafe-link");
	assert_non_null(strstr(err.msg, "javascript:alert(1)"));
	assert_int_equal(kll_catalog_count(cat), 0);
	assert_int_equal(kll_catalog_add_vocab(cat, "occ", &err), KLL_OK);
	assert_int_equal(kll_catalog_add_vocab(cat, "isc", &err), KLL_OK);
	assert_int_equal(
	    kll_catalog_add_key(cat, DATA "hostile/js-license.sssom.tsv", &err),
	    KLL_EINVALID);
	assert_string_equal(err.rule, "publish-unsafe-link");
	assert_int_equal(kll_catalog_count(cat), 2);

	/* Past the readers, as another way in would be. */
	cat->ds[0].own_license = "javascript:alert(1)";
	f->ds.n = f->ds.errors = 0;
	assert_int_equal(kll__catalog_complete(cat, &err), KLL_OK);
	assert_string_equal(cat->ds[0].license,
	    "http://creativecommons.org/publicdomain/zero/1.0/");
	assert_true(f->ds.errors >= 1);
	assert_int_equal(kll_catalog_publish(cat, f->dir, &err), KLL_EINVALID);
}

static void
test_add_all_errors(void **state)
{
	fixture *f = *state;
	kll_catalog *cat = new_catalog(f, CONF, DATA "publish");
	kll_error err;
	size_t nv = 9, nk = 9;
	char *old = getenv("KLL_PATH") ? strdup(getenv("KLL_PATH")) : NULL;

	setenv("KLL_PATH", "", 1);
	assert_int_equal(kll_catalog_add_all(cat, NULL, &nv, &nk, &err),
	    access(kll_vocab_datadir(), F_OK) == 0 ? KLL_OK : KLL_ENOTFOUND);
	if (old != NULL)
		setenv("KLL_PATH", old, 1);
	free(old);
	kll_catalog_free(cat);
	kll_pubconf_free(f->conf);
	f->cat = NULL, f->conf = NULL;

	cat = new_catalog(f, CONF, DATA "publish/tree/vocab");
	assert_int_equal(
	    kll_catalog_add_all(cat, DATA "publish/nosuch", &nv, &nk, &err),
	    KLL_EIO);
	assert_int_equal(nv, 2);
	assert_int_equal(nk, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha1_vectors),
		cmocka_unit_test(test_uuid5),
		cmocka_unit_test(test_conf_values),
		cmocka_unit_test(test_conf_bad_values),
		cmocka_unit_test(test_conf_keys),
		cmocka_unit_test(test_conf_read),
		cmocka_unit_test(test_conf_read_problems),
		cmocka_unit_test(test_license_norm),
		cmocka_unit_test(test_link_ok),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_catalog_args),
		cmocka_unit_test_setup_teardown(
		    test_catalog_add, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_catalog_check, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_catalog_complete, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_catalog_domains, setup, teardown),
		cmocka_unit_test_setup_teardown(test_publish, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_publish_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_publish_interrupted, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_catalog_unsafe_links, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_add_all_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
