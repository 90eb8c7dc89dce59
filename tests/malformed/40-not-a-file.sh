# A directory named like a review file: an I/O error (exit 3), not a crash.
mkdir "$1/reviews/case.json"
