"""Benchmark of the ledger's Excel export against its two baselines.

Builds a throwaway SQLite database holding 100,000 submission-ledger entries (seeded,
realistic Chinese text; inserted with ``append_many``, so numbered and hash-chained
like real ones), then exports the first 10,000 and all 100,000 three ways:

* **ours**: ``wagtail_govinfo.ledger.export.export_ledger`` (the resource's columns,
  rows streamed into a constant-memory xlsxwriter workbook, audit-logged);
* **raw**: the same rows (``values_list`` of the same columns) written with
  ``xlsxwriter`` in constant-memory mode and ``write_row``, nothing else;
* **plain**: ``SubmissionLedgerResource().export(queryset).export("xlsx")``, the
  ordinary django-import-export path (tablib + openpyxl, all in memory).

Each measurement runs in its own child process, so its peak RSS is clean: the child
sets Django up, records ``ru_maxrss``, exports, records it again. Printed: seconds,
peak RSS growth during the export, and the ratios the issue sets as targets at
100,000 rows (ours ≤ 1.6 × raw; plain ≥ 1.5 × ours; ours' peak grows ≤ 50 MB from
10,000 to 100,000 rows).

Run from the repository root (a few minutes; best on a quiet machine)::

    .venv/bin/python benchmarks/ledger_export.py
    .venv/bin/python benchmarks/ledger_export.py --sizes 2000 20000 --repeat 1   # quicker
"""

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 20261126
BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def setup_django(db_path):
    sys.path[:0] = [ROOT, os.path.join(ROOT, "example_site")]
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "example_site.settings"
    os.environ.setdefault("DEBUG", "0")
    import django

    django.setup()


# ---------------------------------------------------------------------------
# Building the database


def build(db_path, rows):
    setup_django(db_path)
    from django.core.management import call_command

    from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
    from wagtail_govinfo.models import Department

    call_command("migrate", verbosity=0)
    rng = random.Random(SEED)
    departments = [
        Department.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("szfb", "市政府办公室"), ("fgw", "市发改委"), ("jyj", "市教育局"),
                           ("tjj", "市统计局"), ("wjw", "市卫健委"), ("tdq", "铁东区人民政府")]
    ]
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
    subjects = ["召开", "部署", "推进", "印发", "公布", "开展", "举行", "通报", "发布", "组织"]
    topics = ["重大项目建设工作会议", "优化营商环境专项行动", "秋季开学安全检查", "第三季度经济运行情况",
              "医疗保障政策解读", "农村人居环境整治", "政务服务“一窗通办”改革", "防汛抗旱工作",
              "价格监测报告", "民营经济发展座谈会", "重点项目申报工作", "安全生产大检查"]
    columns = ["动态要闻", "通知公告", "政策文件", "解读", "数据开放", "市情概况"]
    remarks = ["", "", "", "附表一份", "已屏蔽个人信息", "=SUM(A1:A9) 测试", "-", "紧急信息"]
    types = ["text", "text", "text", "image", "table", "audio_video", "data"]

    def person():
        return rng.choice(surnames) + "".join(rng.choice(given) for _ in range(rng.randint(1, 2)))

    start = datetime.datetime(2026, 1, 1, 8, 0, tzinfo=BEIJING)
    batch, done = [], 0
    for i in range(rows):
        department = departments[i % len(departments)]
        signed = start + datetime.timedelta(minutes=5 * i)
        batch.append(
            SubmissionLedgerEntry(
                title=f"{department.name}{rng.choice(subjects)}{rng.choice(topics)}",
                source_author=f"{department.name} {person()}",
                written_on=(signed - datetime.timedelta(days=rng.randint(0, 5))).date(),
                reviewer_name=person(),
                leader_name=person(),
                submitted_at=signed,
                info_type=rng.choice(types),
                remarks=rng.choice(remarks),
                department=department,
                department_name=department.name,
                department_code=department.code,
                column_title=rng.choice(columns),
                page_key=1000 + i,
                revision_key=5000 + i,
                submitter_name=person(),
                reviewed_at=signed - datetime.timedelta(hours=2),
                checklist={"secrecy": True, "politics": True, "law": True},
            )
        )
        if len(batch) == 5000:
            SubmissionLedgerEntry.objects.append_many(batch)
            done += len(batch)
            batch = []
    if batch:
        SubmissionLedgerEntry.objects.append_many(batch)


# ---------------------------------------------------------------------------
# One measurement, in a child process


def child(method, db_path, rows, out_path):
    setup_django(db_path)
    import xlsxwriter

    from wagtail_govinfo.ledger.export import export_ledger
    from wagtail_govinfo.ledger.models import SubmissionLedgerEntry
    from wagtail_govinfo.ledger.resources import SubmissionLedgerResource

    resource_ = SubmissionLedgerResource()
    last_pk = SubmissionLedgerEntry.objects.order_by("pk").values_list("pk", flat=True)[rows - 1]
    queryset = SubmissionLedgerEntry.objects.filter(pk__lte=last_pk).order_by("year", "number")
    attributes = [f.attribute for f in resource_.get_export_fields()]
    headers = resource_.get_export_headers()
    assert queryset.count() == rows

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if method == "ours":
        with open(out_path, "wb") as handle:
            result = export_ledger("submission", queryset, handle, via="benchmark")
        assert result.rows == rows
    elif method == "raw":
        workbook = xlsxwriter.Workbook(out_path, {"constant_memory": True, "remove_timezone": True})
        sheet = workbook.add_worksheet()
        sheet.write_row(0, 0, headers)
        for index, values in enumerate(queryset.values_list(*attributes).iterator(chunk_size=2000), start=1):
            sheet.write_row(index, 0, values)
        workbook.close()
    elif method == "plain":
        data = resource_.export(queryset=queryset).export("xlsx")
        with open(out_path, "wb") as handle:
            handle.write(data)
    else:
        raise SystemExit(f"unknown method {method}")
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "before_kb": before, "peak_kb": after, "bytes": os.path.getsize(out_path)}))


def measure(method, db_path, rows, workdir):
    out_path = os.path.join(workdir, f"{method}-{rows}.xlsx")
    completed = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", method, "--db", db_path,
         "--rows", str(rows), "--out", out_path],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"{method} at {rows} rows failed:\n{completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["growth_mb"] = (result["peak_kb"] - result["before_kb"]) / 1024
    result["peak_mb"] = result["peak_kb"] / 1024
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=2, help="runs of ours and raw per size (best is kept)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.db, args.rows, args.out)

    small, large = args.sizes
    versions = {name: importlib.metadata.version(name) for name in
                ("Django", "wagtail", "django-import-export", "XlsxWriter", "openpyxl", "tablib")}
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    workdir = tempfile.mkdtemp(prefix="govinfo-ledger-bench-")
    db_path = os.path.join(workdir, "bench.sqlite3")
    started = time.perf_counter()
    builder = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {os.path.dirname(os.path.abspath(__file__))!r}); "
         f"import ledger_export; ledger_export.build({db_path!r}, {large})"],
        capture_output=True, text=True, check=False,
    )
    if builder.returncode != 0:
        raise SystemExit(f"building the database failed:\n{builder.stderr[-3000:]}")
    print(f"built {large:,} chained entries in {time.perf_counter() - started:.1f} s ({workdir})")

    results = {}
    for rows in (small, large):
        for method in ("raw", "ours"):
            runs = []
            for _ in range(args.repeat):
                runs.append(measure(method, db_path, rows, workdir))
            results[(method, rows)] = min(runs, key=lambda r: r["seconds"])
            results[(method, rows)]["growth_mb"] = max(r["growth_mb"] for r in runs)
            results[(method, rows)]["peak_mb"] = max(r["peak_mb"] for r in runs)
        results[("plain", rows)] = measure("plain", db_path, rows, workdir)

    print()
    print(f"{'rows':>8} {'method':<7} {'seconds':>8} {'RSS growth':>11} {'peak RSS':>9} {'file':>9}")
    for rows in (small, large):
        for method in ("raw", "ours", "plain"):
            r = results[(method, rows)]
            print(f"{rows:>8,} {method:<7} {r['seconds']:>8.2f} {r['growth_mb']:>8.1f} MB "
                  f"{r['peak_mb']:>6.0f} MB {r['bytes'] / 1e6:>6.1f} MB")
    ours, raw, plain = (results[(m, large)] for m in ("ours", "raw", "plain"))
    growth = results[("ours", large)]["peak_mb"] - results[("ours", small)]["peak_mb"]
    checks = [
        (f"ours / raw at {large:,} rows", ours["seconds"] / raw["seconds"], "≤ 1.6", ours["seconds"] / raw["seconds"] <= 1.6),
        (f"plain / ours at {large:,} rows", plain["seconds"] / ours["seconds"], "≥ 1.5", plain["seconds"] / ours["seconds"] >= 1.5),
        (f"ours' peak RSS, {small:,} → {large:,} rows (MB)", growth, "≤ 50", growth <= 50),
    ]
    print()
    for label, value, target, ok in checks:
        print(f"{label:<44} {value:>7.2f}   target {target:<6} {'ok' if ok else 'MISSED'}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(ok for *_rest, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
