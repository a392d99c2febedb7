"""The voting module: polls, their choices and the votes NukeViet counted."""

from polls.models import Choice, Poll

from . import text
from .context import RowSkipped, fingerprint
from .times import moment

EVERYONE = 6


def import_polls(ctx):
    source = ctx.source
    table, choices_table = source.lang_table("voting"), source.lang_table("voting_rows")
    if not source.has(table):
        ctx.report.note("Không có module thăm dò (voting).")
        return
    voted_table = source.lang_table("voting_voted")
    voted = {}
    if source.has(voted_table):
        for row in source.rows(f"SELECT vid, voted FROM `{voted_table}`"):
            voted[row["vid"]] = len(text.ids(row["voted"]))
    module = next(iter(source.modules("voting")), None)
    rows = source.rows(f"SELECT * FROM `{table}` ORDER BY vid")
    bar = ctx.progress(len(rows), "thăm dò")

    def handle(row):
        question = text.title(row["question"])[:255]
        if not question:
            raise RowSkipped("câu hỏi trống")
        choice_rows = source.rows(
            f"SELECT * FROM `{choices_table}` WHERE vid = %s ORDER BY id", (row["vid"],)
        )
        if not choice_rows:
            raise RowSkipped("không có phương án")
        allowed = max(int(row.get("acceptcm") or 1), 1)
        selections = sum(int(c.get("hitstotal") or 0) for c in choice_rows)
        # One answer each: every selection is a voter. Several: NukeViet kept voters only
        # for account-only polls (voting_voted).
        voters = selections if allowed == 1 else voted.get(row["vid"], selections)
        values = {
            "question": question,
            "kind": Poll.Kind.SINGLE if allowed == 1 else Poll.Kind.MULTIPLE,
            "max_choices": min(allowed, len(choice_rows)),
            "opens_at": moment(row.get("publ_time")) or moment(1),
            "closes_at": moment(row.get("exp_time")),
            "is_active": bool(int(row.get("act") or 0)),
            "imported_voters": voters,
        }
        if EVERYONE not in (text.ids(row.get("groups_view")) or [EVERYONE]):
            ctx.report.warn(
                "poll",
                table,
                row["vid"],
                "chỉ thành viên được bình chọn trên NukeViet; ở đây ai cũng bình chọn được",
            )
        digest = fingerprint(values, [(c["id"], c["title"], c["hitstotal"]) for c in choice_rows])
        record = ctx.known("poll", row["vid"])
        poll = Poll.objects.filter(pk=record.object_id).first() if record else None
        if record and poll and record.fingerprint == digest:
            ctx.report.add("poll", "unchanged")
            ctx.report.add("choice", "unchanged", len(choice_rows))
        else:
            if poll is None:
                poll = Poll.objects.create(**values)
                ctx.report.add("poll", "imported")
            else:
                for name, value in values.items():
                    setattr(poll, name, value)
                poll.save()
                ctx.report.add("poll", "updated")
            for order, choice_row in enumerate(choice_rows):
                choice_values = {
                    "text": text.title(choice_row["title"])[:255] or f"Phương án {order + 1}",
                    "order": order,
                    "imported_votes": int(choice_row.get("hitstotal") or 0),
                }
                choice = Choice.objects.filter(pk=ctx.new_id("choice", choice_row["id"])).first()
                if choice is None:
                    choice = Choice(poll=poll)
                    ctx.report.add("choice", "imported")
                else:
                    ctx.report.add("choice", "updated")
                for name, value in choice_values.items():
                    setattr(choice, name, value)
                choice.save()
                ctx.remember("choice", choice_row["id"], choice.pk, fingerprint(choice_values))
            ctx.remember("poll", row["vid"], poll.pk, digest)
        if module:
            url = poll.get_absolute_url()
            ctx.redirect(f"/{module.title}/?vid={row['vid']}", url, "poll")
            if module.title == source.config.get("rewrite_op_mod"):
                ctx.redirect(f"/?vid={row['vid']}", url, "poll")

    ctx.each("poll", table, rows, handle, key="vid", bar=bar)
    bar.close()
