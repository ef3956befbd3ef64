"""Forms (Flask-WTF: CSRF on every one). Messages in French, through gettext."""

from __future__ import annotations

import enum
import re
import uuid
from datetime import date
from decimal import Decimal

from flask import request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from ..labels import (
    EMPLOYMENT_TYPE_LABELS,
    FRENCH_LEVEL_LABELS,
    LANGUAGE_REQUIREMENT_LABELS,
    RECORD_OPENNESS_LABELS,
    SALARY_UNIT_LABELS,
    SCHEDULE_LABELS,
)
from ..models import EmploymentType, LanguageRequirement, RecordOpenness, SalaryUnit, Schedule
from ..plugins import channels
from ..services import offers as offer_service
from ..services.clock import local_today
from ..services.reference import municipality_choices, municipality_codes, resolve_noc

REQUIRED = _l("Ce champ est obligatoire.")
EMAIL = _l("Entrez une adresse courriel valide, par exemple nom@entreprise.ca.")
URL_MSG = _l("Entrez une adresse web complète, par exemple https://entreprise.ca.")
PHONE_RE = re.compile(r"^[0-9+() .\-]{7,25}(\s*(poste|p\.|ext\.?|x)\s*\d{1,6})?$", re.I)

SALARY_CEILING = {SalaryUnit.HOUR: 1_000, SalaryUnit.WEEK: 40_000, SalaryUnit.YEAR: 2_000_000}


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in pairs]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def none_if_blank(value):
    value = strip(value)
    return value or None


class NumberField(DecimalField):
    """A decimal number typed the Québec way or not (37,5 or 37.5); never NaN or infinity."""

    def process_formdata(self, valuelist):
        if valuelist and isinstance(valuelist[0], str):
            valuelist = [valuelist[0].strip().replace(",", ".").replace(" ", "")]
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(_l("Entrez un nombre, par exemple 37,5."))


class FlagsField(SelectMultipleField):
    """Check boxes stored as an integer flag set."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label, flag_type, labels, **kwargs):
        self.flag_type = flag_type
        super().__init__(
            label, choices=options((int(f), text) for f, text in labels.items()), **kwargs
        )

    def process_data(self, value):
        if isinstance(value, int):
            value = [str(int(m)) for m in self.flag_type if value & m]
        super().process_data(value)

    def pre_validate(self, form):
        valid = {c.value for c in self.choices}
        if any(v not in valid for v in self.data or ()):
            raise ValidationError(_l("Choix invalide."))

    @property
    def mask(self) -> int:
        total = 0
        for value in self.data or ():
            if value.isdigit():
                total |= int(value)
        return total


class MunicipalityField(SelectField):
    def __init__(self, label, **kwargs):
        super().__init__(label, choices=[], **kwargs)

    def pre_validate(self, form):
        if self.data and self.data not in municipality_codes():
            raise ValidationError(_l("Choisissez une municipalité de la liste."))


class OptionalChoiceField(SelectField):
    """A list whose first, blank option means "not specified" (None in the database).

    The model's value (an int or an enum) is shown as its string; `value` gives the choice
    back, or None when blank.
    """

    def __init__(self, label, pairs, blank_label, message, **kwargs):
        super().__init__(
            label,
            choices=[SelectChoice("", blank_label), *options(pairs)],
            invalid_choice_message=message,
            **kwargs,
        )

    def process_data(self, value):
        if isinstance(value, enum.Enum):
            value = value.value
        super().process_data("" if value is None else str(value))

    @property
    def value(self) -> str | None:
        valid = {c.value for c in self.choices}
        return self.data if self.data and self.data in valid else None


class Between(NumberRange):
    """NumberRange that leaves a value it could not parse to the field's own message."""

    def __call__(self, form, field):
        if field.data is not None:
            super().__call__(form, field)


def validate_phone(form, field):
    if field.data and not PHONE_RE.match(field.data):
        raise ValidationError(_l("Entrez un numéro de téléphone, par exemple 450 555-1234."))


def validate_http_url(form, field):
    if field.data and not re.match(r"https?://", field.data, re.I):
        raise ValidationError(URL_MSG)


def validate_neq(form, field):
    if field.data:
        digits = re.sub(r"[\s-]", "", field.data)
        if not re.fullmatch(r"\d{10}", digits):
            raise ValidationError(_l("Le NEQ compte exactement 10 chiffres."))
        field.data = digits


class OfferForm(FlaskForm):
    """The offer itself; shared by the public form, the employer's edit and the counsellors."""

    title = StringField(
        _l("Titre du poste"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(max=150, message=_l("150 caractères au maximum.")),
        ],
    )
    noc_code = StringField(
        _l("Profession (CNP 2021)"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=255)],
        description=_l(
            "Tapez un titre d'emploi pour voir les suggestions; laissez vide et nous "
            "la déduirons du titre."
        ),
    )
    title_en = StringField(
        _l("Titre en anglais (facultatif)"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=150)],
    )
    description = TextAreaField(
        _l("Description du poste"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(min=20, max=10_000, message=_l("Entre 20 et 10 000 caractères.")),
        ],
    )
    description_en = TextAreaField(
        _l("Description en anglais (facultatif)"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=10_000)],
    )
    tasks = TextAreaField(
        _l("Tâches principales"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=5_000, message=_l("5 000 caractères au maximum."))],
    )
    requirements = TextAreaField(
        _l("Exigences"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=5_000, message=_l("5 000 caractères au maximum."))],
    )
    remote = BooleanField(_l("Télétravail complet (aucun lieu de travail fixe)"))
    municipality_code = MunicipalityField(_l("Municipalité du lieu de travail"))
    address = StringField(
        _l("Adresse du lieu de travail"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=255)],
    )
    employment_types = FlagsField(_l("Type d'emploi"), EmploymentType, EMPLOYMENT_TYPE_LABELS)
    schedules = FlagsField(_l("Horaire"), Schedule, SCHEDULE_LABELS)
    hours_per_week = NumberField(
        _l("Heures par semaine"),
        places=1,
        validators=[Optional(), Between(min=1, max=80, message=_l("Entre 1 et 80 heures."))],
    )
    salary_min = NumberField(
        _l("Salaire minimum ($)"),
        places=2,
        validators=[Optional(), Between(min=0, message=_l("Le salaire ne peut pas être négatif."))],
    )
    salary_max = NumberField(
        _l("Salaire maximum ($)"),
        places=2,
        validators=[Optional(), Between(min=0, message=_l("Le salaire ne peut pas être négatif."))],
    )
    salary_unit = SelectField(_l("Par"), choices=options(SALARY_UNIT_LABELS.items()))
    start_date = DateField(_l("Date d'entrée en fonction"), validators=[Optional()])
    positions = IntegerField(
        _l("Nombre de postes"),
        default=1,
        validators=[
            InputRequired(REQUIRED),
            Between(min=1, max=500, message=_l("Entre 1 et 500 postes.")),
        ],
    )
    apply_email = EmailField(
        _l("Postuler par courriel"),
        filters=[none_if_blank],
        validators=[Optional(), Email(EMAIL), Length(max=254)],
    )
    apply_url = URLField(
        _l("Postuler en ligne (adresse web)"),
        filters=[none_if_blank],
        validators=[Optional(), URL(message=URL_MSG), validate_http_url, Length(max=500)],
    )
    apply_phone = StringField(
        _l("Postuler par téléphone"),
        filters=[none_if_blank],
        validators=[Optional(), validate_phone],
    )
    apply_in_person = BooleanField(_l("Postuler en personne"))
    apply_instructions = TextAreaField(
        _l("Précisions pour postuler"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=2_000)],
    )
    other_languages = StringField(
        _l("Autre(s) langue(s)"), filters=[none_if_blank], validators=[Optional(), Length(max=120)]
    )
    other_language_requirement = SelectField(
        _l("Connaissance d'une autre langue que le français"),
        choices=options(LANGUAGE_REQUIREMENT_LABELS.items()),
        default=LanguageRequirement.NONE.value,
    )
    language_justification = TextAreaField(
        _l("Pourquoi cette langue est-elle nécessaire pour ce poste?"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=2_000)],
        description=_l(
            "Charte de la langue française : exiger une autre langue que le français "
            "doit être justifié par la nature des tâches. Cette justification est "
            "affichée dans l'offre."
        ),
    )
    # Matching facts ("Pour mieux jumeler les candidatures"), all optional.
    french_level_required = OptionalChoiceField(
        _l("Niveau de français requis"),
        FRENCH_LEVEL_LABELS.items(),
        blank_label=_l("Non précisé"),
        message=_l("Choisissez un niveau de 1 à 12, ou « Non précisé »."),
        description=_l(
            "Échelle québécoise des niveaux de compétence en français : 1 à 4 débutant, "
            "5 à 8 intermédiaire, 9 à 12 avancé."
        ),
    )
    criminal_record_openness = OptionalChoiceField(
        _l("Ouvert aux candidatures de personnes ayant des antécédents judiciaires"),
        RECORD_OPENNESS_LABELS.items(),
        blank_label=_l("Non précisé"),
        message=_l("Choix invalide."),
        description=_l(
            "La Charte des droits et libertés de la personne (art. 18.2) protège les personnes "
            "dont l'infraction n'a aucun lien avec l'emploi ou qui en ont obtenu le pardon."
        ),
    )
    wage_subsidy_welcome = BooleanField(
        _l("Subvention salariale bienvenue"),
        description=_l(
            "Vous accepteriez d'embaucher une personne admissible à une subvention salariale "
            "(par exemple de Services Québec)."
        ),
    )
    transit_accessible = BooleanField(
        _l("Accessible en transport collectif"),
        description=_l(
            "Un autobus ou un autre transport collectif dessert le lieu de travail aux heures "
            "de travail."
        ),
    )
    expires_on = DateField(_l("Date d'expiration de l'offre"), validators=[InputRequired(REQUIRED)])

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or local_today()
        self.municipality_code.choices = options(municipality_choices())
        if self.expires_on.data is None and not self.is_submitted():
            self.expires_on.data = offer_service.default_expiry(self.today)

    def validate_noc_code(self, field):
        if field.data:
            code = resolve_noc(field.data)
            if code is None:
                raise ValidationError(_l("Choisissez une profession de la liste ou laissez vide."))
            field.data = code

    def validate_municipality_code(self, field):
        if not self.remote.data and not field.data:
            raise ValidationError(_l("Indiquez la municipalité, ou cochez « Télétravail »."))

    def validate_employment_types(self, field):
        if not field.mask:
            raise ValidationError(_l("Cochez au moins un type d'emploi."))

    def validate_schedules(self, field):
        if not field.mask:
            raise ValidationError(_l("Cochez au moins un horaire."))

    def validate_salary_max(self, field):
        low, high = self.salary_min.data, field.data
        if low is not None and high is not None and low > high:
            raise ValidationError(_l("Le maximum doit être égal ou supérieur au minimum."))
        unit = SalaryUnit(self.salary_unit.data)
        top = max(v for v in (low, high, Decimal(0)) if v is not None)
        if unit and top > SALARY_CEILING[unit]:
            raise ValidationError(_l("Ce montant semble trop élevé pour l'unité choisie."))

    def validate_expires_on(self, field):
        first, last = offer_service.renewal_bounds(self.today)
        if field.data and field.data < first:
            raise ValidationError(_l("La date d'expiration doit être dans le futur."))
        if field.data and field.data > last:
            raise ValidationError(
                _l(
                    "L'offre peut rester en ligne %(days)d jours au maximum (jusqu'au %(date)s).",
                    days=(last - self.today).days,
                    date=format_date(last, "long"),
                )
            )

    def validate_start_date(self, field):
        if field.data and field.data.year > self.today.year + 2:
            raise ValidationError(_l("Cette date est trop éloignée."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (
            self.apply_email.data
            or self.apply_url.data
            or self.apply_phone.data
            or self.apply_in_person.data
        ):
            self.apply_instructions.errors.append(_l("Indiquez au moins une façon de postuler."))
            valid = False
        if self.other_language_requirement.data == LanguageRequirement.REQUIRED:
            if not self.other_languages.data:
                self.other_languages.errors.append(_l("Précisez la langue exigée."))
                valid = False
            if not self.language_justification.data:
                self.language_justification.errors.append(
                    _l("La justification est obligatoire si une autre langue est exigée.")
                )
                valid = False
        return valid

    def offer_data(self) -> dict:
        """Column values for the service layer."""
        unit = self.salary_unit.data
        has_salary = self.salary_min.data is not None or self.salary_max.data is not None
        lang = LanguageRequirement(self.other_language_requirement.data)
        level = self.french_level_required.value
        openness = self.criminal_record_openness.value
        return {
            "title": self.title.data,
            "title_en": self.title_en.data,
            "noc_code": self.noc_code.data,
            "description": self.description.data,
            "description_en": self.description_en.data,
            "tasks": self.tasks.data,
            "requirements": self.requirements.data,
            "remote": self.remote.data,
            "municipality_code": self.municipality_code.data or None,
            "address": self.address.data,
            "employment_types": self.employment_types.mask,
            "schedules": self.schedules.mask,
            "hours_per_week": self.hours_per_week.data,
            "salary_min_cents": _cents(self.salary_min.data),
            "salary_max_cents": _cents(self.salary_max.data),
            "salary_unit": SalaryUnit(unit) if has_salary else None,
            "start_date": self.start_date.data,
            "positions": self.positions.data,
            "apply_email": self.apply_email.data,
            "apply_url": self.apply_url.data,
            "apply_phone": self.apply_phone.data,
            "apply_in_person": self.apply_in_person.data,
            "apply_instructions": self.apply_instructions.data,
            "other_languages": self.other_languages.data
            if lang != LanguageRequirement.NONE
            else None,
            "other_language_requirement": lang,
            "language_justification": self.language_justification.data
            if lang == LanguageRequirement.REQUIRED
            else None,
            "french_level_required": int(level) if level else None,
            "criminal_record_openness": RecordOpenness(openness) if openness else None,
            "wage_subsidy_welcome": self.wage_subsidy_welcome.data,
            "transit_accessible": self.transit_accessible.data,
            "expires_on": self.expires_on.data,
            "channels": self.channel_choices(),
        }

    def channel_choices(self) -> dict[str, bool]:
        """{channel: ticked} for the check boxes plugins add in the `offer_form` slot.

        A plugin's field posts a hidden `channels=<channel name>` (so an unticked box still
        says "no") and `channel_<channel name>` when ticked; unknown channel names are ignored.
        """
        if not self.is_submitted():
            return {}
        known = {channel.name for channel in channels()}
        return {
            name: bool(request.form.get(f"channel_{name}"))
            for name in request.form.getlist("channels")
            if name in known
        }

    @classmethod
    def from_offer(cls, offer, **kwargs):
        form = cls(obj=offer, **kwargs)
        if not form.is_submitted():
            form.salary_min.data = offer.salary_min
            form.salary_max.data = offer.salary_max
            if offer.salary_unit:
                form.salary_unit.data = offer.salary_unit.value
            form.other_language_requirement.data = offer.other_language_requirement.value
        return form


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


class EmployerOfferForm(OfferForm):
    """The public `Publier une offre` form: who the employer is, then the offer."""

    employer_name = StringField(
        _l("Nom de l'entreprise"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Length(max=200)],
    )
    employer_neq = StringField(
        _l("NEQ (facultatif)"),
        filters=[none_if_blank],
        validators=[Optional(), validate_neq],
        description=_l("Numéro d'entreprise du Québec, 10 chiffres."),
    )
    employer_municipality = MunicipalityField(
        _l("Municipalité de l'entreprise"), validators=[DataRequired(REQUIRED)]
    )
    employer_website = URLField(
        _l("Site web (facultatif)"),
        filters=[none_if_blank],
        validators=[Optional(), URL(message=URL_MSG), validate_http_url, Length(max=255)],
    )
    contact_name = StringField(
        _l("Nom de la personne-ressource"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Length(max=120)],
    )
    contact_email = EmailField(
        _l("Courriel de la personne-ressource"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Email(EMAIL), Length(max=254)],
    )
    contact_phone = StringField(
        _l("Téléphone"), filters=[none_if_blank], validators=[Optional(), validate_phone]
    )
    submission_key = HiddenField()
    # Honeypot: hidden from people by CSS; robots fill it in.
    fax_number = StringField(_l("Ne pas remplir"))
    consent = BooleanField(
        _l(
            "J'ai lu l'avis de collecte et j'accepte que ces renseignements servent à publier "
            "et à gérer cette offre."
        ),
        validators=[DataRequired(_l("Vous devez accepter l'avis de collecte pour publier."))],
    )
    submit = SubmitField(_l("Soumettre l'offre"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.employer_municipality.choices = self.municipality_code.choices
        if not self.submission_key.data:
            self.submission_key.data = uuid.uuid4().hex

    def validate_submission_key(self, field):
        if not re.fullmatch(r"[0-9a-f]{32}", field.data or ""):
            field.data = uuid.uuid4().hex

    def employer_data(self) -> dict:
        return {
            "name": self.employer_name.data,
            "neq": self.employer_neq.data,
            "municipality_code": self.employer_municipality.data or None,
            "website": self.employer_website.data,
            "contact_name": self.contact_name.data,
            "contact_email": self.contact_email.data,
            "contact_phone": self.contact_phone.data,
        }

    @property
    def is_spam(self) -> bool:
        return bool(self.fax_number.data)


class CounsellorOfferForm(EmployerOfferForm):
    """A counsellor writing an offer on an employer's behalf; may publish at once."""

    consent = BooleanField(
        _l("L'employeur a reçu l'avis de collecte."), validators=[DataRequired(REQUIRED)]
    )
    publish_now = BooleanField(_l("Publier immédiatement"))
    submit = SubmitField(_l("Enregistrer l'offre"))


class ModerationForm(OfferForm):
    approve = SubmitField(_l("Enregistrer et approuver"))
    save = SubmitField(_l("Enregistrer sans publier"))


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Motif du refus (envoyé à l'employeur)"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Length(max=2_000)],
    )
    submit = SubmitField(_l("Refuser l'offre"))


class ActionForm(FlaskForm):
    """A bare POST button (CSRF only)."""


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Courriel"), filters=[strip], validators=[DataRequired(REQUIRED), Email(EMAIL)]
    )
    password = PasswordField(
        _l("Mot de passe"), validators=[DataRequired(REQUIRED), Length(max=200)]
    )
    remember = BooleanField(_l("Rester connecté"))
    submit = SubmitField(_l("Se connecter"))


class LinkRequestForm(FlaskForm):
    email = EmailField(
        _l("Courriel utilisé pour publier l'offre"),
        filters=[strip],
        validators=[DataRequired(REQUIRED), Email(EMAIL), Length(max=254)],
    )
    submit = SubmitField(_l("Recevoir mes liens"))


NOC_CHOICE = _l(
    "Profession inconnue : choisissez un titre de la liste ou entrez un code CNP à 5 chiffres."
)


def label_noc_entries(entries) -> None:
    """Number the CNP inputs of a FieldList ("Profession 1", …)."""
    for number, entry in enumerate(entries, start=1):
        entry.label.text = _("Profession %(num)d", num=number)


def resolve_noc_entries(entries) -> tuple[list[str], bool]:
    """The CNP codes typed in a FieldList (code, "code — titre" or an example title), without
    repeats; an unknown entry gets its error and makes the second value False."""
    codes, valid = [], True
    for entry in entries:
        if entry.errors or not entry.data:
            continue
        code = resolve_noc(entry.data)
        if code is None:
            entry.errors = [*entry.errors, NOC_CHOICE]
            valid = False
        elif code not in codes:
            codes.append(code)
    return codes, valid
