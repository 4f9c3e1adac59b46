# Documents that quote figures stay true to the code.

fresh_home
stats=$(wm stats)
doc=$(sed -n '/<!-- stats:begin -->/,/<!-- stats:end -->/p' "$REPO/docs/sample-directory.md" | sed '1,2d;$d' | sed '$d')
check "docs/sample-directory.md has the current 'waymark stats' (run scripts/sample-directory-doc.sh)" [ "$stats" = "$doc" ]
