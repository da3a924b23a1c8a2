import csv
import sys

from lxml import html
from tqdm import tqdm


def main(urls_file: str) -> None:
    with open(urls_file, encoding="utf-8") as fh:
        urls = [line.strip() for line in fh if line.strip()]
    writer = csv.writer(sys.stdout)
    for url in tqdm(urls):
        tree = html.parse(url)
        writer.writerow([url, tree.findtext(".//title")])


if __name__ == "__main__":
    main(sys.argv[1])
