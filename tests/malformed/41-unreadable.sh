# A review file that cannot be read.  Root reads anything, so use a dangling
# symbolic link, which fails for every user.
ln -s "$1/nowhere.json" "$1/reviews/case.json"
