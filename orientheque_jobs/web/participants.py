"""Participant records (counsellors and managers only; every access audited).

Three blueprints, so that the role walk of the tests checks each rule like any other:
`participants` (counsellors and managers read), `participants.write` nested in it (only
counsellors change a file: `access.can_write()` without the admins, who have no access at all),
and `participants.privacy` (managers: deletion on request and the audit log).
"""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from ..labels import (
    CONSENT_METHOD_LABELS,
    CONSENT_SCOPE_LABELS,
    EMPLOYMENT_TYPE_LABELS,
    FRENCH_LEVEL_LABELS,
    PROGRAM_LABELS,
    SCHEDULE_LABELS,
    SERVICE_GROUP_LABELS,
    TRANSPORT_MODE_LABELS,
)
from ..models import (
    AuditEntry,
    ConsentMethod,
    ConsentScope,
    EmploymentType,
    Participant,
    Program,
    Role,
    Schedule,
    ServiceGroup,
    TransportMode,
    User,
)
from ..services import participants as participant_service
from ..services import profiles as profile_service
from ..services import referrals as referral_service
from ..services.clock import local_today
from ..services.reference import municipality_choices
from .access import CASE_READERS, can_write, staff_blueprint
from .employers import EnumSelect, IdSelect, Notes, length
from .forms import (
    EMAIL,
    REQUIRED,
    Between,
    FlagsField,
    MunicipalityField,
    label_noc_entries,
    none_if_blank,
    options,
    resolve_noc_entries,
    strip,
    validate_phone,
)

bp = staff_blueprint("participants", __name__, "/conseil/participants", CASE_READERS)
writers = staff_blueprint("write", __name__, "", (Role.COUNSELLOR,))
privacy = staff_blueprint("privacy", __name__, "", (Role.MANAGER,))

# Service groups are codes of the Services Québec agreements, the same in both languages.
STATUS_LABELS = {
    participant_service.ACTIVE: _l("En cours"),
    participant_service.ENDED: _l("Terminés"),
    "all": _l("Tous"),
}
AUDIT_ACTION_LABELS = {
    "list": _l("Liste consultée"),
    "view": _l("Consultation"),
    "create": _l("Création"),
    "update": _l("Modification"),
    "consent": _l("Consentement"),
    "delete": _l("Suppression"),
    "export": _l("Exportation"),
}
AUDIT_ENTITY_LABELS = {
    "participant": _l("Participant"),
    "employer_file": _l("Dossier employeur"),
    "company_visit": _l("Visite d'entreprise"),
    "placement": _l("Stage"),
    "retention_follow_up": _l("Suivi de maintien en emploi"),
    "follow_up_meeting": _l("Rencontre de suivi en emploi"),
    "referral": _l("Jumelage"),
    "offer_referrals": _l("Jumelages de l'offre"),
}
ACTIVITY_LABELS = {
    "visits": lambda n: ngettext("%(num)d visite d'entreprise", "%(num)d visites d'entreprise", n),
    "placements": lambda n: ngettext("%(num)d stage", "%(num)d stages", n),
    "follow_ups": lambda n: ngettext(
        "%(num)d suivi de maintien en emploi", "%(num)d suivis de maintien en emploi", n
    ),
}
LABELS = {
    "service_groups": SERVICE_GROUP_LABELS,
    "programs": PROGRAM_LABELS,
    "consent_scopes": CONSENT_SCOPE_LABELS,
    "consent_methods": CONSENT_METHOD_LABELS,
    "statuses": STATUS_LABELS,
    "audit_actions": AUDIT_ACTION_LABELS,
    "audit_entities": AUDIT_ENTITY_LABELS,
}
SENSITIVE_HELP = _l(
    "Facultatif. Exige le consentement exprès « Renseignements sensibles »; visible seulement "
    "par les conseillers et la direction."
)
CONSENT_NEEDED = _l(
    "Ce renseignement sensible exige le consentement exprès de la personne : enregistrez "
    "d'abord le consentement « Renseignements sensibles »."
)
END_BEFORE_START = _l("La fin de la participation ne peut pas précéder son début.")
EARLIEST = date(1990, 1, 1)
MINE, ALL, UNASSIGNED = "mine", "all", "none"


@bp.context_processor
def participant_labels() -> dict:
    return {
        "plabels": LABELS,
        "can_write": can_write(),
        "scopes": ConsentScope,
        "notice_version": participant_service.CURRENT_NOTICE_VERSION,
    }


# --- forms ---------------------------------------------------------------------------------------


def _text(value) -> str:
    """Coerce for select fields: the enum's value or the id as text, '' for nothing."""
    return "" if value is None else str(value)


def _counsellor_options(users: list[User]) -> list[tuple[str, str]]:
    return [
        (str(user.id), user.name if user.active else _("%(name)s (inactif)", name=user.name))
        for user in users
    ]


def _plausible(form, field) -> None:
    if field.data and not EARLIEST <= field.data <= date(local_today().year + 5, 12, 31):
        raise ValidationError(_l("Cette date semble erronée; vérifiez l'année."))


class ParticipantForm(FlaskForm):
    first_name = StringField(
        _l("Prénom"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(max=80, message=_l("80 caractères au maximum.")),
        ],
    )
    last_name = StringField(
        _l("Nom de famille"),
        filters=[strip],
        validators=[
            DataRequired(REQUIRED),
            Length(max=80, message=_l("80 caractères au maximum.")),
        ],
    )
    email = EmailField(
        _l("Courriel"),
        filters=[none_if_blank],
        validators=[Optional(), Email(EMAIL), Length(max=254)],
    )
    phone = StringField(
        _l("Téléphone"),
        filters=[none_if_blank],
        validators=[
            Optional(),
            validate_phone,
            Length(max=30, message=_l("30 caractères au maximum.")),
        ],
    )
    municipality_code = MunicipalityField(_l("Municipalité de résidence"))
    service_group = SelectField(
        _l("Groupe de services"), coerce=_text, validators=[DataRequired(REQUIRED)]
    )
    program = SelectField(_l("Programme"), coerce=_text)
    counsellor_id = SelectField(_l("Conseiller ou conseillère au dossier"), coerce=_text)
    started_on = DateField(
        _l("Début de la participation"), validators=[InputRequired(REQUIRED), _plausible]
    )
    ended_on = DateField(
        _l("Fin de la participation"),
        validators=[Optional(), _plausible],
        description=_l("Indiquez une date de fin pour fermer le dossier."),
    )
    immigration_status = StringField(
        _l("Statut d'immigration ou permis de travail"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=120, message=_l("120 caractères au maximum."))],
        description=SENSITIVE_HELP,
    )
    criminal_record = TextAreaField(
        _l("Antécédents judiciaires"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=5_000, message=_l("5 000 caractères au maximum."))],
        description=SENSITIVE_HELP,
    )
    health_limitations = TextAreaField(
        _l("Limitations liées à la santé"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=5_000, message=_l("5 000 caractères au maximum."))],
        description=SENSITIVE_HELP,
    )
    notes = TextAreaField(
        _l("Notes"),
        filters=[none_if_blank],
        validators=[Optional(), Length(max=10_000, message=_l("10 000 caractères au maximum."))],
    )
    submit = SubmitField(_l("Enregistrer"))

    def __init__(self, *args, counsellors: list[User], sensitive_allowed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sensitive_allowed = sensitive_allowed
        self.municipality_code.choices = options(municipality_choices())
        self.service_group.choices = options(
            [("", _l("— Choisir —")), *SERVICE_GROUP_LABELS.items()]
        )
        self.program.choices = options([("", _l("— Aucun —")), *PROGRAM_LABELS.items()])
        self.counsellor_id.choices = options(
            [("", _l("— Aucun —")), *_counsellor_options(counsellors)]
        )

    @property
    def sensitive_fields(self) -> list:
        return [self[name] for name in participant_service.SENSITIVE_FIELDS]

    def validate_ended_on(self, field) -> None:
        started = self.started_on.data
        if field.data and started and field.data < started:
            raise ValidationError(END_BEFORE_START)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.sensitive_allowed:
            for field in self.sensitive_fields:
                if field.data:
                    field.errors.append(CONSENT_NEEDED)
                    valid = False
        return valid

    def refuse(self, error: participant_service.ParticipantError) -> None:
        """Show a refusal of the service next to the fields concerned."""
        if isinstance(error, participant_service.ConsentRequired):
            for name in error.fields:
                self[name].errors.append(CONSENT_NEEDED)
        elif isinstance(error, participant_service.InvalidDates):
            self.ended_on.errors.append(END_BEFORE_START)
        else:
            self.form_errors.append(_l("Le dossier n'a pas pu être enregistré."))

    def participant_data(self) -> dict:
        return {
            "first_name": self.first_name.data,
            "last_name": self.last_name.data,
            "email": self.email.data,
            "phone": self.phone.data,
            "municipality_code": self.municipality_code.data or None,
            "service_group": ServiceGroup(self.service_group.data),
            "program": Program(self.program.data) if self.program.data else None,
            "counsellor_id": int(self.counsellor_id.data) if self.counsellor_id.data else None,
            "started_on": self.started_on.data,
            "ended_on": self.ended_on.data,
            "immigration_status": self.immigration_status.data,
            "criminal_record": self.criminal_record.data,
            "health_limitations": self.health_limitations.data,
            "notes": self.notes.data,
        }


# Field names of the audit details, shown with the form's labels.
FIELD_LABELS = {
    name: getattr(ParticipantForm, name).args[0] for name in participant_service.PARTICIPANT_FIELDS
}


class NewParticipantForm(ParticipantForm):
    """Opening a file: the identity, then the consents collected at intake."""

    consent_services = BooleanField(
        _l("La personne consent à l'ouverture et à la tenue de son dossier."),
        validators=[DataRequired(_l("Ce consentement est nécessaire pour ouvrir un dossier."))],
    )
    consent_sensitive = BooleanField(
        _l(
            "Elle consent expressément à la collecte de renseignements sensibles "
            "(immigration, antécédents judiciaires, santé)."
        )
    )
    consent_matching = BooleanField(
        _l("Elle consent à ce que son profil serve au jumelage avec des offres.")
    )
    consent_digest = BooleanField(_l("Elle veut recevoir les offres par courriel chaque jour."))
    consent_method = SelectField(
        _l("Consentement recueilli"),
        choices=options(CONSENT_METHOD_LABELS.items()),
        default=ConsentMethod.WRITTEN.value,
    )

    def validate(self, extra_validators=None) -> bool:
        self.sensitive_allowed = bool(self.consent_sensitive.data)
        return super().validate(extra_validators)

    def consent_scopes(self) -> list[ConsentScope]:
        given = {
            ConsentScope.SERVICES: self.consent_services.data,
            ConsentScope.SENSITIVE: self.consent_sensitive.data,
            ConsentScope.MATCHING: self.consent_matching.data,
            ConsentScope.DIGEST: self.consent_digest.data,
        }
        return [scope for scope, checked in given.items() if checked]


class ConsentForm(FlaskForm):
    scope = SelectField(
        _l("Consentement"),
        choices=options(CONSENT_SCOPE_LABELS.items()),
        validators=[DataRequired(REQUIRED)],
    )
    method = SelectField(
        _l("Recueilli"),
        choices=options(CONSENT_METHOD_LABELS.items()),
        default=ConsentMethod.WRITTEN.value,
    )
    give = SubmitField(_l("Enregistrer le consentement"))
    withdraw = SubmitField(_l("Enregistrer le retrait"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not (self.give.data or self.withdraw.data):
            self.scope.errors.append(_l("Indiquez si le consentement est donné ou retiré."))
            valid = False
        return valid


class DeleteForm(FlaskForm):
    confirm = BooleanField(
        _l("Je confirme la suppression définitive de ce dossier et de ses consentements."),
        validators=[DataRequired(_l("Cochez la case pour confirmer la suppression."))],
    )
    submit = SubmitField(_l("Supprimer le dossier"))


# --- the matching profile ------------------------------------------------------------------------

# Availability has no « rotation »: a participant says when they can work, not a shift pattern.
AVAILABILITY_LABELS = {flag: SCHEDULE_LABELS[flag] for flag in profile_service.AVAILABILITY_FLAGS}
MATCHING_CONSENT_NEEDED = _l(
    "Le profil de jumelage exige le consentement « Jumelage avec des offres d'emploi » de la "
    "personne : enregistrez d'abord ce consentement dans son dossier."
)
RECORD_CONSENT_NEEDED = _l(
    "Les antécédents judiciaires ne peuvent être pris en compte qu'avec le consentement "
    "« Renseignements sensibles » actif."
)


def _no_nul(value):
    """Drop NUL characters (no database column takes them)."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class MatchingProfileForm(FlaskForm):
    """What the participant looks for and can do. The CNP entries accept a code, « code — title »
    (the autocomplete's choice) or an exact example title."""

    noc_choices = FieldList(
        StringField(
            _l("Profession"),
            filters=[_no_nul, none_if_blank],
            validators=[Optional(), Length(max=255, message=_l("255 caractères au maximum."))],
            render_kw={"list": "cnp-suggestions", "autocomplete": "off", "data-cnp": "1"},
        ),
        min_entries=profile_service.MAX_NOC_CODES,
        max_entries=profile_service.MAX_NOC_CODES,
    )
    desired_occupations = StringField(
        _l("Emplois recherchés (en mots)"),
        filters=[_no_nul, none_if_blank],
        validators=[Optional(), length(500)],
        description=_l("Par exemple : préposé à l'entrepôt, commis d'épicerie."),
    )
    skills = Notes(_l("Compétences"), 5_000)
    experience = Notes(_l("Expérience de travail"), 5_000)
    french_level = IdSelect(
        _l("Niveau de français (Échelle québécoise)"),
        profile_service.INVALID_CHOICE,
        description=_l("Laissez « Non évalué » si le niveau n'a pas été mesuré."),
    )
    other_languages = StringField(
        _l("Autres langues parlées"),
        filters=[_no_nul, none_if_blank],
        validators=[Optional(), length(120)],
    )
    max_distance_km = IntegerField(
        _l("Distance maximale du domicile (km)"),
        validators=[
            Optional(),
            Between(
                min=1, max=profile_service.MAX_DISTANCE_KM, message=profile_service.DISTANCE_RANGE
            ),
        ],
        description=_l("Depuis la municipalité de résidence du dossier."),
    )
    transport_mode = EnumSelect(
        _l("Moyen de transport"),
        TRANSPORT_MODE_LABELS,
        blank=None,
        default=TransportMode.CAR.value,
    )
    availability = FlagsField(_l("Disponibilités"), Schedule, AVAILABILITY_LABELS)
    employment_types = FlagsField(
        _l("Types d'emploi recherchés"),
        EmploymentType,
        EMPLOYMENT_TYPE_LABELS,
        description=_l("Aucune case cochée : tous les types d'emploi."),
    )
    wage_subsidy_eligible = BooleanField(_l("Admissible à une subvention salariale"))
    criminal_record_considered = BooleanField(
        _l(
            "Tenir compte des antécédents judiciaires : proposer seulement des employeurs "
            "ouverts à ces candidatures"
        ),
        description=SENSITIVE_HELP,
    )
    submit = SubmitField(_l("Enregistrer le profil"))

    def __init__(self, *args, noc_labels=(), sensitive_allowed: bool = False, **kwargs):
        super().__init__(*args, noc_choices=list(noc_labels), **kwargs)
        self.sensitive_allowed = sensitive_allowed
        self.noc_codes: list[str] = []
        self.noc_errors: list = []
        self.french_level.choices = options(
            [("", _l("— Non évalué —")), *FRENCH_LEVEL_LABELS.items()]
        )
        label_noc_entries(self.noc_choices)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        self.noc_codes, codes_valid = resolve_noc_entries(self.noc_choices)
        valid = valid and codes_valid
        if not self.sensitive_allowed and self.criminal_record_considered.data:
            self.form_errors.append(RECORD_CONSENT_NEEDED)
            valid = False
        return valid

    def refuse(self, error: participant_service.ParticipantError) -> None:
        """Show a refusal of the service next to the fields concerned."""
        if isinstance(error, profile_service.MatchingConsentRequired):
            self.form_errors.append(MATCHING_CONSENT_NEEDED)
        elif isinstance(error, participant_service.ConsentRequired):
            self.criminal_record_considered.errors = [
                *self.criminal_record_considered.errors,
                RECORD_CONSENT_NEEDED,
            ]
            if not self.sensitive_allowed:  # the box is not shown
                self.form_errors.append(RECORD_CONSENT_NEEDED)
        elif isinstance(error, profile_service.InvalidProfile):
            for name, message in error.errors.items():
                field = self._fields.get(name)
                if name == "desired_noc_codes":
                    self.noc_errors.append(message)
                elif field is not None:
                    field.errors = [*field.errors, message]
                else:
                    self.form_errors.append(message)
        else:
            self.form_errors.append(_l("Le profil n'a pas pu être enregistré."))

    def profile_data(self) -> dict:
        data = {
            "desired_noc_codes": self.noc_codes,
            "desired_occupations": self.desired_occupations.data,
            "skills": _no_nul(self.skills.data),
            "experience": _no_nul(self.experience.data),
            "french_level": self.french_level.data,
            "other_languages": self.other_languages.data,
            "max_distance_km": self.max_distance_km.data,
            "transport_mode": self.transport_mode.data,
            "availability": self.availability.mask,
            "employment_types": self.employment_types.mask,
            "wage_subsidy_eligible": self.wage_subsidy_eligible.data,
        }
        if self.sensitive_allowed:
            data["criminal_record_considered"] = self.criminal_record_considered.data
        return data


# The profile's fields in the audit journal, with the form's labels.
PROFILE_FIELD_LABELS = {
    "desired_noc_codes": _l("Professions recherchées (CNP)"),
    **{
        name: getattr(MatchingProfileForm, name).args[0]
        for name in profile_service.PROFILE_FIELDS
        if name != "desired_noc_codes"
    },
}
FIELD_LABELS.update(PROFILE_FIELD_LABELS)


def _flag_labels(mask: int, labels: dict) -> list:
    return [label for flag, label in labels.items() if mask & flag]


def _noc_labels(codes: list[str]) -> list[str]:
    """« code — title » of each code, as the autocomplete writes them."""
    titles = profile_service.noc_titles(codes, str(get_locale()))
    return [f"{code} — {titles[code]}" if code in titles else code for code in codes]


def _valid(field):
    """A filter field's value, or None when it was refused (its error is shown)."""
    return None if field.errors else field.data


def _counsellor_id(choice: str | None, user: User) -> int | None:
    """The counsellor filter: 0 for files without one, None for all."""
    if choice == MINE:
        return user.id
    if choice == UNASSIGNED:
        return 0
    return int(choice) if choice and choice.isdigit() else None


class ParticipantFilterForm(FlaskForm):
    """The index's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Nom"), filters=[strip], validators=[Optional(), Length(max=200)])
    service_group = SelectField(_l("Groupe de services"), default="")
    program = SelectField(_l("Programme"), default="")
    counsellor = SelectField(_l("Conseiller ou conseillère"), default="")
    status = SelectField(_l("Participation"), default=participant_service.ACTIVE)

    def __init__(self, *args, counsellors: list[User], user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.service_group.choices = options([("", _l("Tous")), *SERVICE_GROUP_LABELS.items()])
        self.program.choices = options([("", _l("Tous")), *PROGRAM_LABELS.items()])
        mine = [(MINE, _l("Mes participants"))] if user.has_role(Role.COUNSELLOR) else []
        self.counsellor.choices = options(
            [
                *mine,
                (ALL, _l("Tous")),
                (UNASSIGNED, _l("Sans conseiller ou conseillère")),
                *_counsellor_options(counsellors),
            ]
        )
        if not self.counsellor.data:
            self.counsellor.data = MINE if mine else ALL
        self.status.choices = options(STATUS_LABELS.items())
        if not self.status.data:
            self.status.data = participant_service.ACTIVE

    def filters(self, page: int) -> participant_service.ParticipantFilters:
        """The criteria of the fields that validated; a refused field filters nothing."""
        counsellor = _valid(self.counsellor)
        group, program = _valid(self.service_group), _valid(self.program)
        return participant_service.ParticipantFilters(
            q=_valid(self.q) or "",
            service_group=ServiceGroup(group) if group else None,
            program=Program(program) if program else None,
            counsellor_id=_counsellor_id(counsellor, self.user),
            status=_valid(self.status) or participant_service.ACTIVE,
            page=page,
        )


class AuditFilterForm(FlaskForm):
    """The journal's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    user = SelectField(_l("Utilisateur"), default="")
    participant = IntegerField(
        _l("Numéro du dossier"),
        validators=[
            Optional(),
            Between(min=1, max=2**31 - 1, message=_l("Entrez un numéro de dossier valide.")),
        ],
    )
    date_from = DateField(_l("Du"), validators=[Optional(), _plausible])
    date_to = DateField(_l("Au"), validators=[Optional(), _plausible])

    def __init__(self, *args, users: list[User], **kwargs):
        super().__init__(*args, **kwargs)
        self.user.choices = options([("", _l("Tous")), *((str(u.id), u.name) for u in users)])

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("La date de fin doit suivre la date de début."))

    def filters(self, page: int) -> participant_service.AuditFilters:
        """The criteria of the fields that validated; a refused field filters nothing."""
        user = _valid(self.user)
        return participant_service.AuditFilters(
            user_id=int(user) if user else None,
            participant_id=_valid(self.participant),
            date_from=_valid(self.date_from),
            date_to=_valid(self.date_to),
            page=page,
        )


def describe_audit(entry: AuditEntry) -> str:
    """An audit entry's detail in words; free text (other writers) is shown as is."""
    detail = participant_service.audit_detail(entry)
    if detail is None:
        return entry.detail or ""

    def names(values, labels) -> str:
        return ", ".join(str(labels.get(value, value)) for value in values)

    parts = []
    if detail.get("fields"):
        parts.append(_("Champs : %(fields)s", fields=names(detail["fields"], FIELD_LABELS)))
    if detail.get("consents"):
        scopes = names(detail["consents"], CONSENT_SCOPE_LABELS)
        parts.append(_("Consentements : %(scopes)s", scopes=scopes))
    if "scope" in detail:
        scope = CONSENT_SCOPE_LABELS.get(detail["scope"], detail["scope"])
        if detail.get("given"):
            parts.append(_("%(scope)s : donné", scope=scope))
        else:
            parts.append(_("%(scope)s : retiré", scope=scope))
    if detail.get("section") == profile_service.AUDIT_SECTION:
        parts.insert(0, _("Profil de jumelage"))
    if detail.get("erased"):
        parts.append(_("Effacés : %(fields)s", fields=names(detail["erased"], FIELD_LABELS)))
    if detail.get("profile_deleted"):
        parts.append(_("Profil de jumelage supprimé"))
    if "shown" in detail:
        parts.append(
            ngettext(
                "Page %(page)s, %(num)d participant affiché",
                "Page %(page)s, %(num)d participants affichés",
                detail["shown"],
                page=detail.get("page", 1),
            )
        )
    if "consents_deleted" in detail:
        parts.append(
            ngettext(
                "%(num)d consentement supprimé",
                "%(num)d consentements supprimés",
                detail["consents_deleted"],
            )
        )
    if detail.get("referrals_deleted"):
        parts.append(
            ngettext(
                "%(num)d jumelage supprimé",
                "%(num)d jumelages supprimés",
                detail["referrals_deleted"],
            )
        )
    return "; ".join(parts)


# --- views ---------------------------------------------------------------------------------------


def _page_number() -> int:
    page = request.args.get("page", "1")
    return min(int(page), 10_000) if page.isdigit() and int(page) > 0 else 1


def _participant(participant_id: int) -> Participant:
    return participant_service.get_participant(participant_id) or abort(404)


def _render_detail(
    participant: Participant,
    consent_form: ConsentForm | None = None,
    delete_form: DeleteForm | None = None,
    status: int = 200,
):
    participant_service.record_view(participant, current_user)
    return render_template(
        "participants/detail.html",
        participant=participant,
        consents=participant_service.consent_states(participant),
        sensitive_visible=participant_service.active_consent(participant, ConsentScope.SENSITIVE),
        activity=participant_service.activity_counts(participant),
        activity_labels=ACTIVITY_LABELS,
        today=local_today(),
        consent_form=consent_form or ConsentForm(formdata=None),
        delete_form=delete_form or DeleteForm(formdata=None),
        is_manager=current_user.has_role(Role.MANAGER),
        referrals=referral_service.referrals_for_participant(participant),
        **_profile_summary(participant),
    ), status


def _profile_summary(participant: Participant) -> dict:
    """What the detail page shows of the matching profile."""
    profile = participant.matching_profile
    return {
        "matching_allowed": profile_service.can_keep_profile(participant),
        "profile": profile,
        "profile_nocs": _noc_labels(profile.noc_codes) if profile else [],
        "profile_availability": _flag_labels(profile.availability, AVAILABILITY_LABELS)
        if profile
        else [],
        "profile_types": _flag_labels(profile.employment_types, EMPLOYMENT_TYPE_LABELS)
        if profile
        else [],
        "transport_labels": TRANSPORT_MODE_LABELS,
        "french_level_labels": FRENCH_LEVEL_LABELS,
    }


@bp.get("/")
def index():
    form = ParticipantFilterForm(
        request.args,
        counsellors=participant_service.counsellor_choices(),
        user=current_user,
    )
    form.validate()
    page = participant_service.search_participants(form.filters(_page_number()), current_user)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("participants/index.html", form=form, page=page, args=args)


@bp.get("/<id:participant_id>")
def detail(participant_id: int):
    return _render_detail(_participant(participant_id))


@writers.route("/nouveau", methods=["GET", "POST"])
def new():
    form = NewParticipantForm(counsellors=participant_service.counsellor_choices())
    if not form.is_submitted():
        form.counsellor_id.data = str(current_user.id)
        form.started_on.data = local_today()
    if form.validate_on_submit():
        try:
            participant = participant_service.create_participant(
                form.participant_data(),
                current_user,
                consents=form.consent_scopes(),
                method=ConsentMethod(form.consent_method.data),
            )
        except participant_service.ParticipantError as error:
            form.refuse(error)
        else:
            flash(_("Le dossier de %(name)s est ouvert.", name=participant.full_name), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id))
    if form.is_submitted():
        flash(
            _("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."),
            "error",
        )
    return render_template("participants/form.html", form=form, participant=None)


@writers.route("/<id:participant_id>/modifier", methods=["GET", "POST"])
def edit(participant_id: int):
    participant = _participant(participant_id)
    form = ParticipantForm(
        obj=participant,
        counsellors=participant_service.counsellor_choices(participant.counsellor),
        sensitive_allowed=participant_service.active_consent(participant, ConsentScope.SENSITIVE),
    )
    if form.validate_on_submit():
        try:
            participant_service.update_participant(
                participant, form.participant_data(), current_user
            )
        except participant_service.ParticipantError as error:
            form.refuse(error)
        else:
            flash(_("Modifications enregistrées."), "success")
            return redirect(url_for("participants.detail", participant_id=participant.id))
    if form.is_submitted():
        flash(
            _("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."),
            "error",
        )
    participant_service.record_view(participant, current_user)
    return render_template("participants/form.html", form=form, participant=participant)


@writers.post("/<id:participant_id>/consentements")
def consent(participant_id: int):
    participant = _participant(participant_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        return _render_detail(participant, consent_form=form, status=400)
    scope, given = ConsentScope(form.scope.data), bool(form.give.data)
    participant_service.record_consent(
        participant, scope, given, ConsentMethod(form.method.data), current_user
    )
    if given:
        message = _("Consentement enregistré : %(scope)s.", scope=CONSENT_SCOPE_LABELS[scope])
    elif scope == ConsentScope.SENSITIVE:
        message = _("Consentement retiré; les renseignements sensibles sont effacés.")
    else:
        message = _(
            "Retrait du consentement enregistré : %(scope)s.", scope=CONSENT_SCOPE_LABELS[scope]
        )
    flash(message, "success")
    return redirect(url_for("participants.detail", participant_id=participant.id))


@writers.route("/<id:participant_id>/profil", methods=["GET", "POST"])
def profile(participant_id: int):
    """The matching profile, kept only with the MATCHING consent (409 on a POST without it)."""
    participant = _participant(participant_id)
    allowed = profile_service.can_keep_profile(participant)
    existing = participant.matching_profile
    form = MatchingProfileForm(
        obj=existing,
        noc_labels=_noc_labels(existing.noc_codes) if existing else [],
        sensitive_allowed=participant_service.active_consent(participant, ConsentScope.SENSITIVE),
    )
    status = 200
    if not allowed:
        if form.is_submitted():
            flash(MATCHING_CONSENT_NEEDED, "error")
            status = 409
    elif form.validate_on_submit():
        try:
            profile_service.save_profile(participant, form.profile_data(), current_user)
        except participant_service.ParticipantError as error:
            form.refuse(error)
        else:
            flash(_("Profil de jumelage enregistré."), "success")
            return redirect(
                url_for("participants.detail", participant_id=participant.id, _anchor="profil")
            )
    if allowed and form.is_submitted():
        flash(
            _("Le formulaire contient des erreurs; elles sont indiquées sous chaque champ."),
            "error",
        )
    participant_service.record_view(participant, current_user)
    return render_template(
        "participants/profile_form.html",
        form=form,
        participant=participant,
        matching_allowed=allowed,
    ), status


@privacy.post("/<id:participant_id>/supprimer")
def delete(participant_id: int):
    participant = _participant(participant_id)
    form = DeleteForm()
    if not form.validate_on_submit():
        return _render_detail(participant, delete_form=form, status=400)
    name = participant.full_name
    try:
        participant_service.delete_participant(participant, current_user)
    except participant_service.ParticipantInUse as error:
        activity = ", ".join(ACTIVITY_LABELS[kind](n) for kind, n in error.activity.items())
        flash(
            _(
                "Ce dossier ne peut pas être supprimé : la personne figure dans %(activity)s. "
                "Fermez plutôt le dossier (date de fin) ou retirez-le d'abord de ces activités.",
                activity=activity,
            ),
            "error",
        )
        return redirect(url_for("participants.detail", participant_id=participant_id))
    flash(_("Le dossier de %(name)s et ses consentements sont supprimés.", name=name), "success")
    return redirect(url_for("participants.index"))


@privacy.get("/journal")
def journal():
    form = AuditFilterForm(request.args, users=participant_service.audit_users())
    form.validate()
    page = participant_service.audit_log(form.filters(_page_number()))
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "participants/journal.html",
        form=form,
        page=page,
        args=args,
        describe_audit=describe_audit,
    )


bp.register_blueprint(writers)
bp.register_blueprint(privacy)
