/* The notes directory: listing notes, resolving program arguments, safe
 * reads and durable writes. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "notesdir.h"
#include "unit.h"
#include "util.h"

static char dir[] = "/tmp/rf-test-notesdir-XXXXXX";

static void put(const char *name, const char *text)
{
	char *p = rf_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

static void make_dir(void)
{
	if (!mkdtemp(dir))
		abort();
	put("mercy-general.ini", "[program]\nname = Mercy General\n");
	put("mercy-west.ini", "[program]\nname = Mercy West\n");
	put("st-marys-ir-integrated.ini", "[program]\nname = St. Mary's – IR (Integrated)\n");
	put("hopkins.ini", "[program]\nname = Johns Hopkins\n");
	put("broken.ini", "[program]\nname = Broken\nno equals\n");
	put("profile.ini", "[applicant]\n");
	put("rules.ini", "[visa]\n");
	put("Upper.ini", "[program]\n");
	put("notes.txt", "not a note\n");
	char *p = rf_xasprintf("%s/sub.ini", dir);
	mkdir(p, 0700);
	free(p);
}

static void cleanup(void)
{
	char *cmd = rf_xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	free(cmd);
}

/* Resolve arg; the slug, or NULL when refused. */
static char *resolve(const struct rf_notesdir *nd, const char *arg)
{
	char *slug = NULL;
	if (rf_notesdir_resolve(nd, arg, &slug) < 0)
		return NULL;
	return slug;
}

static void check_resolve(struct unit *u, const struct rf_notesdir *nd, const char *arg, const char *want)
{
	char *s = resolve(nd, arg);
	if (want)
		CHECK_STR(u, s, want);
	else if (s) {
		printf("# '%s' resolved to %s, want refusal\n", arg, s);
		u->bad++;
	}
	free(s);
}

static void lists_notes_only(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_strv slugs = RF_STRV_INIT;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	CHECK(u, rf_notesdir_list(&nd, &slugs) == 0);
	/* Not profile/rules, not Upper.ini (no valid slug), not notes.txt,
	 * not the directory sub.ini. */
	CHECK(u, slugs.n == 5);
	if (slugs.n == 5) {
		CHECK_STR(u, slugs.v[0], "broken");
		CHECK_STR(u, slugs.v[1], "hopkins");
		CHECK_STR(u, slugs.v[2], "mercy-general");
		CHECK_STR(u, slugs.v[3], "mercy-west");
		CHECK_STR(u, slugs.v[4], "st-marys-ir-integrated");
	}
	rf_strv_free(&slugs);
	rf_notesdir_close(&nd);
}

static void resolves_program_arguments(struct unit *u)
{
	struct rf_notesdir nd;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	check_resolve(u, &nd, "mercy-general", "mercy-general");		/* slug */
	check_resolve(u, &nd, "mercy-west.ini", "mercy-west");		/* file name */
	check_resolve(u, &nd, "hop", "hopkins");				/* unique prefix */
	check_resolve(u, &nd, "St", "st-marys-ir-integrated");		/* prefix, any case */
	check_resolve(u, &nd, "johns hopkins", "hopkins");			/* exact name, any case */
	check_resolve(u, &nd, "MERCY GENERAL", "mercy-general");
	check_resolve(u, &nd, "St. Mary's – IR (Integrated)", "st-marys-ir-integrated");
	check_resolve(u, &nd, "mercy", NULL);				/* ambiguous */
	check_resolve(u, &nd, "nosuch", NULL);				/* unknown */
	check_resolve(u, &nd, "Johns", NULL);		/* a name prefix is not a name */
	check_resolve(u, &nd, "profile", NULL);				/* not a program */
	check_resolve(u, &nd, "broken", "broken");
	rf_notesdir_close(&nd);
}

/* What resolving arg reports on stderr (caller frees). */
static char *refusal(const struct rf_notesdir *nd, const char *arg)
{
	FILE *saved = stderr;
	char *msg = NULL, *slug = NULL;
	size_t len = 0;
	stderr = open_memstream(&msg, &len);
	int r = rf_notesdir_resolve(nd, arg, &slug);
	fclose(stderr);
	stderr = saved;
	free(slug);
	if (r == 0) {
		free(msg);
		return rf_xstrdup("(resolved)");
	}
	char *colon = strstr(msg, ": ");
	char *text = rf_xstrdup(colon ? colon + 2 : msg);
	free(msg);
	return text;
}

static void unknown_arguments_get_did_you_mean(struct unit *u)
{
	static const char *const cases[][2] = {
		{ "mercy-genral", "no such program 'mercy-genral'; did you mean 'mercy-general'?\n" },
		{ "Mercy Generl", "no such program 'Mercy Generl'; did you mean 'mercy-general'?\n" },	/* the name */
		{ "merxy", "no such program 'merxy'; did you mean 'mercy-general' or 'mercy-west'?\n" },	/* a prefix */
		{ "hopkinz", "no such program 'hopkinz'; did you mean 'hopkins'?\n" },
		{ "Jonhs Hopkins", "no such program 'Jonhs Hopkins'; did you mean 'hopkins'?\n" },
		{ "west", "no such program 'west'; did you mean 'mercy-west'?\n" },	/* a word of the slug */
		{ "St Marys IR", "no such program 'St Marys IR'; did you mean 'st-marys-ir-integrated'?\n" },
		{ "nosuch", "no such program 'nosuch'\n" },
		{ "xyz", "no such program 'xyz'\n" },
		{ "mercy", "ambiguous program 'mercy'; candidates: mercy-general, mercy-west\n" },
	};
	struct rf_notesdir nd;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = refusal(&nd, cases[i][0]);
		CHECK_STR(u, got, cases[i][1]);
		free(got);
	}
	rf_notesdir_close(&nd);
}

static void refuses_escaping_arguments(struct unit *u)
{
	struct rf_notesdir nd;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	static const char *const bad[] = { "../x", "a/b", "", ".", "..", "/etc/passwd", "mercy\n", "me\x1b[0m",
					   "../mercy-general", "./mercy-general.ini" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_resolve(u, &nd, bad[i], NULL);
	rf_notesdir_close(&nd);
}

static void reads_refuse_links_and_odd_files(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_buf b = RF_BUF_INIT;
	int missing = -1;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	CHECK(u, rf_notesdir_read(&nd, "hopkins.ini", &b, &missing) == 0 && missing == 0);
	CHECK_STR(u, b.buf, "[program]\nname = Johns Hopkins\n");
	CHECK(u, rf_notesdir_read(&nd, "absent.ini", &b, &missing) == 0 && missing == 1);
	CHECK(u, rf_notesdir_read(&nd, "absent.ini", &b, NULL) < 0);
	char *link = rf_xasprintf("%s/link.ini", dir);
	CHECK(u, symlink("/etc/passwd", link) == 0);
	CHECK(u, rf_notesdir_read(&nd, "link.ini", &b, &missing) < 0);
	CHECK(u, rf_notesdir_read(&nd, "sub.ini", &b, &missing) < 0);
	unlink(link);
	free(link);
	rf_buf_free(&b);
	rf_notesdir_close(&nd);
}

static void writes_durably_and_never_overwrite_when_creating(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_buf b = RF_BUF_INIT;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	umask(077);
	CHECK(u, rf_notesdir_write(&nd, "new.ini", "[a]\n", 4, 1) == 0);
	CHECK(u, rf_notesdir_write(&nd, "new.ini", "[b]\n", 4, 1) < 0);
	CHECK(u, rf_notesdir_read(&nd, "new.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[a]\n");
	CHECK(u, rf_notesdir_write(&nd, "new.ini", "[c]\n", 4, 0) == 0);
	CHECK(u, rf_notesdir_read(&nd, "new.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[c]\n");
	char *p = rf_xasprintf("%s/new.ini", dir);
	struct stat st;
	CHECK(u, stat(p, &st) == 0 && (st.st_mode & 0777) == 0600);
	unlink(p);
	free(p);
	/* No temporary file is left behind. */
	struct rf_strv slugs = RF_STRV_INIT;
	char *cmd = rf_xasprintf("ls -A '%s' | grep -q rf-tmp", dir);
	CHECK(u, system(cmd) != 0);
	free(cmd);
	rf_strv_free(&slugs);
	rf_buf_free(&b);
	rf_notesdir_close(&nd);
}

static void writes_many_at_once(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_buf b = RF_BUF_INIT;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	rf_notesdir_write(&nd, "old.ini", "[old]\n", 6, 1);
	struct rf_notesdir_file f[] = {
		{ "one.ini", "[1]\n", 4, 1 }, { "old.ini", "[new]\n", 6, 0 }, { "two.ini", "[2]\n", 4, 1 },
	};
	CHECK(u, rf_notesdir_write_many(&nd, f, 3) == 0);
	CHECK(u, rf_notesdir_read(&nd, "one.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[1]\n");
	CHECK(u, rf_notesdir_read(&nd, "old.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[new]\n");
	/* A new note whose name exists: refused before anything is renamed. */
	struct rf_notesdir_file g[] = { { "old.ini", "[x]\n", 4, 0 }, { "two.ini", "[y]\n", 4, 1 } };
	CHECK(u, rf_notesdir_write_many(&nd, g, 2) < 0);
	CHECK(u, rf_notesdir_read(&nd, "old.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[new]\n");
	CHECK(u, rf_notesdir_read(&nd, "two.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[2]\n");
	char *cmd = rf_xasprintf("ls -A '%s' | grep -q rf-tmp", dir);
	CHECK(u, system(cmd) != 0);
	free(cmd);
	for (size_t i = 0; i < 3; i++) {
		char *p = rf_xasprintf("%s/%s", dir, f[i].name);
		unlink(p);
		free(p);
	}
	rf_buf_free(&b);
	rf_notesdir_close(&nd);
}

/* A staged write can be undone at every step, with the previous bytes
 * back and no temporary file left. */
static void staged_writes_restore_the_previous_bytes(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_notesdir_pending p;
	struct rf_buf b = RF_BUF_INIT;
	int missing;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	CHECK(u, rf_notesdir_write(&nd, "st.ini", "[old]\n", 6, 0) == 0);
	/* Staged, then abandoned: nothing changed. */
	CHECK(u, rf_notesdir_stage(&nd, "st.ini", "[new]\n", 6, 0, &p) == 0);
	CHECK(u, rf_notesdir_read(&nd, "st.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[old]\n");
	rf_notesdir_restore(&p);
	CHECK(u, p.nd == NULL);
	/* Placed, then restored: the old bytes are back. */
	CHECK(u, rf_notesdir_stage(&nd, "st.ini", "[new]\n", 6, 0, &p) == 0);
	CHECK(u, rf_notesdir_place(&p) == 0);
	CHECK(u, rf_notesdir_read(&nd, "st.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[new]\n");
	rf_notesdir_restore(&p);
	CHECK(u, rf_notesdir_read(&nd, "st.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[old]\n");
	/* Placed and done: the new bytes stay. */
	CHECK(u, rf_notesdir_stage(&nd, "st.ini", "[new]\n", 6, 0, &p) == 0);
	CHECK(u, rf_notesdir_place(&p) == 0);
	rf_notesdir_done(&p);
	CHECK(u, rf_notesdir_read(&nd, "st.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[new]\n");
	/* A new file restored is gone again; create_only never replaces. */
	CHECK(u, rf_notesdir_stage(&nd, "fresh.ini", "[f]\n", 4, 1, &p) == 0);
	CHECK(u, rf_notesdir_place(&p) == 0);
	rf_notesdir_restore(&p);
	CHECK(u, rf_notesdir_read(&nd, "fresh.ini", &b, &missing) == 0 && missing);
	CHECK(u, rf_notesdir_stage(&nd, "st.ini", "[x]\n", 4, 1, &p) == 0);
	printf("# an expected error follows\n");
	CHECK(u, rf_notesdir_place(&p) < 0);
	rf_notesdir_restore(&p);
	CHECK(u, rf_notesdir_read(&nd, "st.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[new]\n");
	char *cmd = rf_xasprintf("ls -A '%s' | grep -q rf-tmp", dir);
	CHECK(u, system(cmd) != 0);
	free(cmd);
	char *path = rf_xasprintf("%s/st.ini", dir);
	unlink(path);
	free(path);
	rf_buf_free(&b);
	rf_notesdir_close(&nd);
}

static void creates_private_directories(struct unit *u)
{
	struct rf_notesdir nd;
	char *p = rf_xasprintf("%s/a/b/notes", dir);
	CHECK(u, rf_notesdir_create(&nd, p) == 0);
	struct stat st;
	CHECK(u, stat(p, &st) == 0 && (st.st_mode & 0777) == 0700);
	rf_notesdir_close(&nd);
	chmod(p, 0755);
	CHECK(u, rf_notesdir_create(&nd, p) == 0);
	CHECK(u, stat(p, &st) == 0 && (st.st_mode & 0777) == 0700);
	rf_notesdir_close(&nd);
	free(p);
	p = rf_xasprintf("%s/none", dir);
	CHECK(u, rf_notesdir_open(&nd, p) < 0);
	free(p);
}

static void locates_the_directory(struct unit *u)
{
	setenv("HOME", "/home/x", 1);
	unsetenv("RF_DIR");
	char *s = rf_notesdir_locate(NULL);
	CHECK_STR(u, s, "/home/x/rf");
	free(s);
	setenv("RF_DIR", "/notes", 1);
	s = rf_notesdir_locate(NULL);
	CHECK_STR(u, s, "/notes");
	free(s);
	s = rf_notesdir_locate("/opt");
	CHECK_STR(u, s, "/opt");
	free(s);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	make_dir();
	RUN(&u, lists_notes_only);
	RUN(&u, resolves_program_arguments);
	RUN(&u, unknown_arguments_get_did_you_mean);
	RUN(&u, refuses_escaping_arguments);
	RUN(&u, reads_refuse_links_and_odd_files);
	RUN(&u, writes_durably_and_never_overwrite_when_creating);
	RUN(&u, writes_many_at_once);
	RUN(&u, staged_writes_restore_the_previous_bytes);
	RUN(&u, creates_private_directories);
	RUN(&u, locates_the_directory);
	cleanup();
	return UNIT_DONE(&u);
}
