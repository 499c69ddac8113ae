# The scripted season of tests/rf-log.bats, shared with the tests of the
# history index (tests/history-index.bats).

# Run the rest of the line with fixed author and committer dates.
at() {
	local when=$1
	shift
	GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" "$@"
}

# A season: notes made and edited with rf and with git, a rename (git mv),
# two branches that change different keys of one note and a merge, then an
# uncommitted edit.  $1 (optional) is run after each step that changes
# history.
season() {
	local each=${1:-:}
	at 2026-12-01T09:00:00Z rf-init >/dev/null
	$each
	# Rules of our own, so the risk figures do not move with the shipped ones.
	printf '%s\n' '[defaults]' 'unknown = 0' 'vague = 4' 'red = 5' '[visa]' 'h1b = no:12, yes:0' \
		'[workload]' 'hours_per_week = >=80:5' '[culture]' 'staff_tone = hostile:8' >"$RF_DIR/rules.ini"
	git -C "$RF_DIR" add rules.ini
	at 2026-12-01T09:00:00Z git -C "$RF_DIR" commit -q -m "my rules"
	$each
	at 2026-12-01T09:00:00Z rf-new "Mercy General" >/dev/null
	$each
	at 2026-12-02T10:00:00Z rf-set mercy visa.h1b=no
	$each
	at 2026-12-03T11:00:00Z rf-new "St Marys" >/dev/null
	$each
	sed -i 's/^staff_tone = unknown$/staff_tone = hostile/' "$RF_DIR/mercy-general.ini"
	at 2026-12-04T12:00:00Z git -C "$RF_DIR" commit -q -am "call with residents"
	$each
	git -C "$RF_DIR" mv st-marys.ini st-marys-ir.ini
	at 2026-12-05T13:00:00Z git -C "$RF_DIR" commit -q -m "rename st-marys"
	$each
	git -C "$RF_DIR" switch -q -c laptop
	at 2026-12-06T14:00:00Z rf-set mercy visa.j1=yes
	$each
	git -C "$RF_DIR" switch -q main
	at 2026-12-07T15:00:00Z rf-set mercy workload.hours_per_week=80
	$each
	at 2026-12-08T16:00:00Z git -C "$RF_DIR" merge -q --no-edit -m "merge laptop" laptop
	$each
	sed -i 's/^legal_support = unknown$/legal_support = yes/' "$RF_DIR/mercy-general.ini"
}
