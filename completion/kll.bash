# SPDX-License-Identifier: LGPL-2.1-or-later
# bash completion for kll, kll-vocab, kll-map, kll-diff, kll-publish,
# kll-store and kll-query.
# Subcommands and options are read from each command's --help, so they
# never drift from the program; vocabulary ids come from the INDEX files
# along the search path (-L, $KLL_PATH, the installed share folder).

_kll_datadir='@DATADIR@'

# The long options that "CMD [SUB] --help" lists, one per line.
_kll_options()
{
	"$@" --help 2>/dev/null |
	    sed -n 's/^ *\(-[A-Za-z0-9], \)\{0,1\}\(--[a-z][a-z0-9-]*\)\(=\)\{0,1\}.*/\2\3/p'
}

# The subcommands that "CMD --help" lists under "Subcommands:".
_kll_subcommands()
{
	"$1" --help 2>/dev/null |
	    sed -n '/^Subcommands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

# Vocabulary ids: -L folders on the line, then $KLL_PATH, then the share
# folder.
_kll_vocab_ids()
{
	local dirs=() i d
	for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
		case ${COMP_WORDS[i]} in
		-L) dirs+=("${COMP_WORDS[i + 1]}") ;;
		-L?*) dirs+=("${COMP_WORDS[i]#-L}") ;;
		--vocab-path=*) dirs+=("${COMP_WORDS[i]#--vocab-path=}") ;;
		esac
	done
	local IFS=:
	dirs+=(${KLL_PATH:-} "$_kll_datadir")
	unset IFS
	for d in "${dirs[@]}"; do
		[ -n "$d" ] && [ -r "$d/INDEX" ] && cut -f1 "$d/INDEX"
	done
}

_kll()
{
	local cur prev cmd sub words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	cmd=${COMP_WORDS[0]##*/}

	# "kll CMD ..." is "kll-CMD ...".
	local first=1
	if [ "$cmd" = kll ]; then
		if [ "$COMP_CWORD" -eq 1 ]; then
			words=$(kll --help 2>/dev/null |
			    sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
			COMPREPLY=($(compgen -W "$words --help --version" -- "$cur"))
			return
		fi
		cmd=kll-${COMP_WORDS[1]}
		first=2
		# "kll vocabs" is built in: no kll-vocabs behind it.
		if [ "${COMP_WORDS[1]}" = vocabs ]; then
			case $prev in
			-L | --vocab-path) COMPREPLY=($(compgen -d -- "$cur")) ;;
			-*) ;;
			*) COMPREPLY=($(compgen -W "$(_kll_options kll vocabs)" -- "$cur")) ;;
			esac
			[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
			return
		fi
	fi
	case $prev in
	-o | --output | -k | --key) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	-L | --vocab-path | -d | --directory) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--storage) COMPREPLY=($(compgen -W 'sqlite postgresql' -- "$cur")); return ;;
	esac

	# The values of kll-map split --by, merge --prefer and --prefer-meta,
	# whether bash splits the word at '=' or not.
	local opt= val=$cur pfx=
	case $cur in
	--*=*) opt=${cur%%=*} val=${cur#*=} pfx=$opt= ;;
	*)
		opt=$prev
		[ "$prev" = = ] && opt=${COMP_WORDS[COMP_CWORD - 2]}
		;;
	esac
	local vals=
	case $opt in
	--by) vals='subject-level object-level subject-top object-top predicate' ;;
	--prefer) vals='first last highest-confidence' ;;
	--prefer-meta) vals='first last' ;;
	esac
	if [ -n "$vals" ]; then
		COMPREPLY=($(compgen -P "$pfx" -W "$vals" -- "$val"))
		return
	fi

	local subs
	subs=$(_kll_subcommands "$cmd")
	if [ -n "$subs" ] && [ "$COMP_CWORD" -eq "$first" ]; then
		COMPREPLY=($(compgen -W "$subs --help --version" -- "$cur"))
		return
	fi
	sub=
	[ -n "$subs" ] && sub=${COMP_WORDS[first]}

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_kll_options "$cmd" $sub) --version" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	# Files, and vocabulary ids where a command takes one.
	case $cmd:$sub in
	kll-vocab:show | kll-vocab:list | kll-vocab:search | kll-vocab:info | \
	    kll-vocab:check | kll-diff:*)
		COMPREPLY=($(compgen -W "$(_kll_vocab_ids)" -- "$cur")
		    $(compgen -f -- "$cur"))
		;;
	*) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _kll kll kll-vocab kll-map kll-diff kll-publish kll-store \
    kll-query
