# Issue 12: CSV and JSON input that used to be mended silently or reported misleadingly.

csv_folder() { # csv_folder DIR SERVICES-CSV-TEXT: one organisation and the given services.csv
  mkdir -p "$1"
  printf 'id,name,description\r\norg-1,Org,Helps people\r\n' >"$1/organizations.csv"
  printf '%b' "$2" >"$1/services.csv"
}
H='id,organization_id,name,status,description\r\n'

fresh_home
csv_folder "$HOME/dup" "${H}s1,org-1,One,active,d\r\ns1,org-1,Again,active,d\r\n"
err=$(wm import "$HOME/dup" 2>&1); code=$?
check "CSV duplicate id is refused (exit 65) naming file, row and column" bash -c "[ $code -eq 65 ] && grep -q 'services.csv: row 3: id: duplicate id' <<<\"\$0\"" "$err"

csv_folder "$HOME/quote" "${H}s1,org-1,\"One,active,d\r\ns2,org-1,Two,active,d\r\n"
err=$(wm import "$HOME/quote" 2>&1); code=$?
check "CSV unclosed quote is refused naming the row" bash -c "[ $code -eq 65 ] && grep -q 'services.csv: row 2: a quoted cell opens here and is never closed' <<<\"\$0\"" "$err"

csv_folder "$HOME/extra" "${H}s1,org-1,One,active,d,surprise\r\n"
err=$(wm import "$HOME/extra" 2>&1); code=$?
check "CSV extra cells are refused" bash -c "[ $code -eq 65 ] && grep -q 'services.csv: row 2: has 6 cells' <<<\"\$0\"" "$err"

csv_folder "$HOME/head" "id,organization_id,name,status,description,name\r\ns1,org-1,One,active,d,Other\r\n"
err=$(wm import "$HOME/head" 2>&1); code=$?
check "CSV duplicate header is refused naming the column" bash -c "[ $code -eq 65 ] && grep -q 'services.csv: row 1: name: the header names this column twice' <<<\"\$0\"" "$err"

csv_folder "$HOME/short" "${H}s1,org-1,One,active\r\n"
err=$(wm validate "$HOME/short" 2>&1)
check "CSV short row gives a warning naming row and column" grep -q 'warning: services.csv: row 2: description: has 4 cells' <<<"$err"

csv_folder "$HOME/cr" "id,organization_id,name,status,description\rs1,org-1,One,active,d\rs2,org-1,Two,active,d\r"
out=$(wm import --directory "$HOME/cr.sqlite" "$HOME/cr" 2>&1); code=$?
check "CSV with only CR line endings imports both services" bash -c "[ $code -eq 0 ] && grep -q 'Imported 2 services' <<<\"\$0\"" "$out"

csv_folder "$HOME/hex" "id,organization_id,name,status,description,minimum_age\r\ns1,org-1,One,active,d,0x10\r\n"
err=$(wm import "$HOME/hex" 2>&1); code=$?
check "CSV hex age 0x10 is refused naming the field" bash -c "[ $code -eq 65 ] && grep -q '.minimum_age: is text .0x10., but the schema asks for a number' <<<\"\$0\"" "$err"

svc='"id": "s1", "name": "One", "description": "d", "status": "active", "organization": {"id": "o1", "name": "Org", "description": "d"}'
printf '{"contents": [{%s, "minimum_age": 3,}]}' "$svc" >"$HOME/comma.json"
err=$(wm import "$HOME/comma.json" 2>&1); code=$?
check "JSON trailing comma is refused naming record and field" bash -c "[ $code -eq 65 ] && grep -q 'comma.json: record contents\[0\]: .minimum_age: has a comma after the last field' <<<\"\$0\"" "$err"
for bad in NaN Infinity 1e400; do
  printf '{"contents": [{%s, "maximum_age": %s}]}' "$svc" "$bad" >"$HOME/num.json"
  err=$(wm import "$HOME/num.json" 2>&1); code=$?
  check "JSON $bad names record and field" bash -c "[ $code -eq 65 ] && grep -q 'num.json: record contents\[0\]: .maximum_age: ' <<<\"\$0\"" "$err"
done
printf '[{"id": "s1", "name": "A \\ud800 B"}]' >"$HOME/sur.json"
err=$(wm import "$HOME/sur.json" 2>&1)
check "JSON lone surrogate is named, not called a truncated file" bash -c "grep -q 'record \[0\]: .name: .*lone surrogate' <<<\"\$0\" && ! grep -q 'ends too soon' <<<\"\$0\"" "$err"
bad_name=$(printf "$HOME/caf\xe9.json")
cp "$HOME/sur.json" "$bad_name"
err=$(wm import "$bad_name" 2>&1)
check "a non-UTF-8 file name is not reported as missing" bash -c "grep -q 'not valid UTF-8' <<<\"\$0\" && ! grep -q 'no such file' <<<\"\$0\"" "$err"
