"""What an import did: per kind, imported / updated / unchanged / skipped, and why."""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field

KIND_LABELS = {
    "category": "Chuyên mục tin",
    "tag": "Từ khóa",
    "article": "Bài viết",
    "image": "Ảnh, tệp trong bài",
    "comment": "Bình luận",
    "user": "Tài khoản",
    "document_type": "Loại văn bản",
    "issuing_body": "Cơ quan ban hành",
    "field": "Lĩnh vực",
    "document": "Văn bản",
    "document_file": "Tệp văn bản",
    "poll": "Thăm dò",
    "choice": "Phương án thăm dò",
    "banner": "Banner",
    "site_settings": "Thông tin cổng",
    "stats": "Số liệu thống kê",
    "redirect": "Đường dẫn cũ",
}
OUTCOMES = ("imported", "updated", "unchanged", "skipped")


@dataclass
class Skip:
    kind: str
    table: str
    old_id: str
    reason: str


@dataclass
class ImportReport:
    dry_run: bool = False
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    skips: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def add(self, kind, outcome, amount=1):
        self.counts[kind][outcome] += amount

    def skip(self, kind, table, old_id, reason):
        self.counts[kind]["skipped"] += 1
        self.skips.append(Skip(kind, table, str(old_id), reason))

    def warn(self, kind, table, old_id, reason):
        """Imported, but with something the reader should know (a missing file...)."""
        self.skips.append(Skip(kind, table, str(old_id), f"(đã nhập) {reason}"))

    def note(self, text):
        self.notes.append(text)

    def total(self, kind, outcome):
        return self.counts[kind][outcome]

    def write_csv(self, path):
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["loại", "bảng", "mã cũ", "lý do"])
            for skip in self.skips:
                writer.writerow(
                    [KIND_LABELS.get(skip.kind, skip.kind), skip.table, skip.old_id, skip.reason]
                )

    def lines(self):
        heading = "Báo cáo nhập dữ liệu NukeViet" + (
            " (chạy thử, không ghi gì)" if self.dry_run else ""
        )
        yield heading
        yield f"{'Loại':<22}{'mới':>10}{'cập nhật':>10}{'không đổi':>11}{'bỏ qua':>9}"
        for kind, label in KIND_LABELS.items():
            counts = self.counts.get(kind)
            if not counts:
                continue
            yield (
                f"{label:<22}{counts['imported']:>10}{counts['updated']:>10}"
                f"{counts['unchanged']:>11}{counts['skipped']:>9}"
            )
        reasons = Counter((s.kind, s.reason) for s in self.skips)
        if reasons:
            yield ""
            yield "Lý do bỏ qua hoặc lưu ý:"
            for (kind, reason), amount in sorted(reasons.items()):
                yield f"  {KIND_LABELS.get(kind, kind)}: {reason} ({amount})"
        if self.notes:
            yield ""
            yield from (f"* {note}" for note in self.notes)
