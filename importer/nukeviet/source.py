"""The old site's database, read directly (PyMySQL; MariaDB or MySQL), table by table."""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import pymysql
import pymysql.cursors

_IDENTIFIER = re.compile(r"^[A-Za-z0-9_]+$")


class SourceError(Exception):
    """The old database cannot be read as a NukeViet site (said in Vietnamese)."""


def parse_db_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb"):
        raise SourceError("Địa chỉ cơ sở dữ liệu phải có dạng mysql://user:pass@host:port/tên_csdl")
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 3306,
        "user": unquote(parts.username or "root"),
        "password": unquote(parts.password or ""),
        "database": parts.path.lstrip("/"),
    }


@dataclass
class Module:
    """One module instance: the stock `news` or a virtual copy such as `thong-bao`."""

    title: str  # the URL segment
    module_file: str
    module_data: str  # the table infix
    module_upload: str  # the folder under uploads/
    custom_title: str
    func_aliases: dict = field(default_factory=dict)

    def alias(self, func):
        return self.func_aliases.get(func, func)


class NukeVietSource:
    def __init__(self, url, prefix="nv4", lang="vi"):
        for name, value in (("prefix", prefix), ("lang", lang)):
            if not _IDENTIFIER.match(value):
                raise SourceError(f"Giá trị --{name} không hợp lệ: {value!r}")
        self.prefix = prefix
        self.lang = lang
        try:
            self.connection = pymysql.connect(
                **parse_db_url(url),
                charset="utf8mb4",
                cursorclass=pymysql.cursors.DictCursor,
                connect_timeout=10,
            )
        except pymysql.MySQLError as exc:
            raise SourceError(f"Không kết nối được cơ sở dữ liệu NukeViet: {exc}") from exc
        self.tables = set(self.column(f"SHOW TABLES LIKE '{prefix}\\_%'"))
        if self.table("config") not in self.tables:
            found = sorted({t.split("_")[0] for t in self.column("SHOW TABLES") if "_" in t})
            found = ", ".join(found) or "(không có)"
            raise SourceError(
                f"Không thấy bảng {self.table('config')}: tiền tố bảng có lẽ không phải "
                f"“{prefix}”. Các tiền tố có trong cơ sở dữ liệu: {found}."
            )
        self.config = self._site_config()
        self._columns = {}

    def close(self):
        self.connection.close()

    # Table names -----------------------------------------------------------------
    def table(self, name):
        """A site-wide table: nv4_users."""
        return f"{self.prefix}_{name}"

    def lang_table(self, name):
        """A per-language table: nv4_vi_news_rows."""
        return f"{self.prefix}_{self.lang}_{name}"

    def has(self, table):
        return table in self.tables

    def columns(self, table):
        if table not in self._columns:
            self._columns[table] = set(self.column(f"SHOW COLUMNS FROM `{table}`"))
        return self._columns[table]

    # Queries -----------------------------------------------------------------------
    def rows(self, sql, params=()):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params or None)
            return cursor.fetchall()

    def column(self, sql, params=()):
        with self.connection.cursor(pymysql.cursors.Cursor) as cursor:
            cursor.execute(sql, params or None)
            return [row[0] for row in cursor.fetchall()]

    def count(self, table, where="1=1"):
        if not self.has(table):
            return 0
        return self.column(f"SELECT COUNT(*) FROM `{table}` WHERE {where}")[0]

    def batches(self, table, key, size=500, select="*", where="1=1", joins=""):
        """Rows of ``table`` in ascending ``key`` order, ``size`` at a time (keyset)."""
        last = None
        while True:
            condition = where if last is None else f"({where}) AND t.`{key}` > %s"
            params = () if last is None else (last,)
            chunk = self.rows(
                f"SELECT {select} FROM `{table}` t {joins} WHERE {condition} "
                f"ORDER BY t.`{key}` LIMIT {int(size)}",
                params,
            )
            if not chunk:
                return
            yield chunk
            last = chunk[-1][key]

    # Site -------------------------------------------------------------------------
    def _site_config(self):
        rows = self.rows(
            f"SELECT lang, module, config_name, config_value FROM `{self.table('config')}` "
            "WHERE lang IN ('sys', %s, '') AND module IN ('global', '')",
            (self.lang,),
        )
        return {row["config_name"]: row["config_value"] for row in rows}

    @property
    def version(self):
        return self.config.get("version", "4.x")

    def modules(self, module_file):
        """Module instances built on ``module_file`` (news: the stock one and its copies)."""
        table = self.lang_table("modules")
        if not self.has(table):
            return []
        found = []
        for row in self.rows(
            f"SELECT title, module_file, module_data, module_upload, custom_title "
            f"FROM `{table}` WHERE module_file = %s ORDER BY weight, title",
            (module_file,),
        ):
            aliases = {}
            funcs = self.lang_table("modfuncs")
            if self.has(funcs):
                for func in self.rows(
                    f"SELECT func_name, alias FROM `{funcs}` WHERE in_module = %s",
                    (row["title"],),
                ):
                    aliases[func["func_name"]] = func["alias"] or func["func_name"]
            found.append(Module(func_aliases=aliases, **row))
        return found
