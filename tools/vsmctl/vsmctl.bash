# SPDX-License-Identifier: GPL-2.0
# bash completion for vsmctl(8); installed by `make install`.

_vsmctl()
{
	local cur prev cmd sub i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}

	# The command and subcommand, skipping --device PATH.
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-d | --device) ((i++)) ;;
		-*) ;;
		*)
			if [[ -z $cmd ]]; then
				cmd=${COMP_WORDS[i]}
			elif [[ -z $sub ]]; then
				sub=${COMP_WORDS[i]}
			fi
			;;
		esac
	done

	case $prev in
	-d | --device)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--secret-file | --in | --out | --aad | --tag | --import | --salt | --info | \
		--signer | --policy-key | -o)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--type)
		COMPREPLY=($(compgen -W "aes256-gcm hmac-sha256 secret" -- "$cur"))
		return
		;;
	--usage)
		COMPREPLY=($(compgen -W "encrypt decrypt sign verify derive wrap unwrap" -- "$cur"))
		return
		;;
	--mode)
		COMPREPLY=($(compgen -W "audit enforce" -- "$cur"))
		return
		;;
	esac

	case $cmd in
	"")
		COMPREPLY=($(compgen -W "info stats ping lock audit domain key random policy
			exec-scan help --device --help --version" -- "$cur"))
		;;
	info | stats) COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
	lock) COMPREPLY=($(compgen -W "--yes" -- "$cur")) ;;
	audit) COMPREPLY=($(compgen -W "--json --verify --from" -- "$cur")) ;;
	random) COMPREPLY=($(compgen -W "--out" -- "$cur")) ;;
	domain)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "create destroy --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--secret-file --domain --max-keys --max-bytes
				--rate --json" -- "$cur"))
		fi
		;;
	key)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "list create delete seal open sign verify derive
				wrap unwrap --help" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--domain --secret-file --key --type --usage
				--exportable --label --import --aad --in --out --tag-len --tag
				--salt --info --wrapping-key --json" -- "$cur"))
		fi
		;;
	policy)
		case $sub in
		"") COMPREPLY=($(compgen -W "scan check load show --help" -- "$cur")) ;;
		scan)
			COMPREPLY=($(compgen -W "--signer --policy-key --mode --serial -o" -- "$cur")
				$(compgen -f -- "$cur"))
			;;
		*) COMPREPLY=($(compgen -f -- "$cur")) ;;
		esac
		;;
	esac
}
complete -F _vsmctl vsmctl
