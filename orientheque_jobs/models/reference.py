"""Reference tables loaded by `flask ref load`: CNP 2021 and Québec municipalities."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class NocUnitGroup(db.Model):
    """A CNP/NOC 2021 unit group (5 digits)."""

    __tablename__ = "noc_unit_group"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    title_fr: Mapped[str] = mapped_column(String(255))
    title_en: Mapped[str] = mapped_column(String(255))
    teer: Mapped[int]
    broad_category: Mapped[int]

    def title(self, locale: str) -> str:
        return self.title_en if locale.startswith("en") else self.title_fr


class NocExampleTitle(db.Model):
    """An example job title of a unit group; `folded` is lower-case, accent-free, for lookup."""

    __tablename__ = "noc_example_title"
    __table_args__ = (Index("ix_noc_example_title_lang_folded", "lang", "folded"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(ForeignKey("noc_unit_group.code"), index=True)
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(255))
    folded: Mapped[str] = mapped_column(String(255))

    unit_group: Mapped[NocUnitGroup] = relationship()


class Municipality(db.Model):
    """A Québec municipality (MAMH répertoire) with its MRC, region and an FSA-centroid position."""

    __tablename__ = "municipality"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    designation: Mapped[str] = mapped_column(String(60))
    mrc_code: Mapped[str | None] = mapped_column(String(3), index=True)
    mrc_name: Mapped[str | None] = mapped_column(String(120))
    region_code: Mapped[str] = mapped_column(String(2), index=True)
    region_name: Mapped[str] = mapped_column(String(120))
    population: Mapped[int | None]
    postal_code: Mapped[str | None] = mapped_column(String(7))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]

    @property
    def label(self) -> str:
        return f"{self.name} ({self.mrc_name})" if self.mrc_name else self.name
