"""Benchmark: the search indexes (Whoosh) and matching, next to a naive Whoosh query.

    .venv/bin/python bench/search.py                    # 10,000 offers, 2,000 profiles, SQLite
    .venv/bin/python bench/search.py --offers 50000
    .venv/bin/python bench/search.py --cprofile         # where the time goes (cProfile)
    .venv/bin/python bench/search.py --database-url postgresql://postgres@127.0.0.1/bench_search \\
        --reset-database                                # PostgreSQL (drops that DB's tables!)

It builds a fresh database (SQLite in a temporary instance directory unless --database-url),
runs the migrations, loads the reference data and bulk-inserts, seeded (every run has the same
data): --offers published, visible offers whose titles are French CNP example titles (each
offer's CNP code is its title's unit group) with 150-400-word French texts made from sentence
templates and vocabulary by CNP broad category, in Montérégie, Centre-du-Québec and Lanaudière
(a heavier share in MRC 530), ~5 % remote, with varied employment types, schedules and
matching facts; and --profiles participants, each with SERVICES and MATCHING consents and a
matching profile (desired occupations taken from example titles, sometimes a CNP code, skills,
a home municipality, a transport mode, availabilities...).

It then measures, in process:
  - the offer index build (`OfferIndex.rebuild`): docs/s and seconds, its size on disk, and
    the participant index build (`ParticipantIndex.rebuild`);
  - the incremental sync: --sync-changes offers changed through the ORM (title edits, some
    filled or withdrawn), then `OfferIndex.apply_changes()` timed; median of --sync-rounds;
  - p50/p95/p99 latency over every profile of (a) `search.matching.offers_for_seeker` (the
    search layer), (b) `services.matching.offers_for_participant` (the full path: database
    re-check, audit row and commit per call), (c) the public board `search.board.search_board`
    and `services.board.search` (with the database load and highlighting) with 1-3 keywords of
    the profile's occupations, and (d) the naive baseline: a raw Whoosh index of the same
    offers built in the same run (title and description with the same French analyser, stored
    id and filter fields), all the profile's keywords OR-ed over title and description,
    `limit=None`, the hard constraints applied afterwards in Python on stored fields, top 20;
  - offer -> participants (`search.matching.seekers_for_job`) over --job-queries offers.
Each is warmed up before it is timed. Goals at 10,000 offers (from the issue): matching
p95 <= 50 ms, and it must beat the naive query; sync of 100 changes <= 2 s.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import platform
import pstats
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from common import clean_up, fresh_schema

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240701
MATCH_GOAL_MS = 50.0
SYNC_GOAL_S = 2.0
LIMIT = 20
WARMUP = 50  # inputs run, untimed, before each measure
HOME_MRC = "530"
REGIONS = ("16", "17", "14")  # Montérégie, Centre-du-Québec, Lanaudière

# --- vocabulary: what offers and profiles are made of -------------------------------------------

# Share of offers (and of participants' wishes) by CNP broad category: a regional labour market
# where sales and services, trades and transport, and manufacturing dominate.
OFFER_CATEGORY_WEIGHTS = {0: 1, 1: 12, 2: 6, 3: 11, 4: 8, 5: 3, 6: 24, 7: 18, 8: 4, 9: 13}
PROFILE_CATEGORY_WEIGHTS = {0: 0.5, 1: 10, 2: 3, 3: 9, 4: 5, 5: 2, 6: 30, 7: 20, 8: 5, 9: 16}


@dataclass(frozen=True)
class Vocabulary:
    """Words of one CNP broad category, for offer texts, employer names and profiles."""

    kind: tuple[str, ...]  # what the employer is
    activity: tuple[str, ...]  # what it does (after the name: "X {activity}")
    clients: tuple[str, ...]
    places: tuple[str, ...]  # where the work is done
    tasks: tuple[str, ...]  # infinitive phrases
    skills: tuple[str, ...]  # noun phrases: requirements, and participants' skills
    qualities: tuple[str, ...]
    schooling: tuple[str, ...]
    environment: tuple[str, ...]  # whole sentences
    pleasures: tuple[str, ...]  # "Vous aimez {pleasure}?"
    names: tuple[str, ...]  # employer name prefixes
    pay: tuple[int, int]  # typical hourly pay, in cents


VOCABULARY: dict[int, Vocabulary] = {
    0: Vocabulary(
        kind=("une organisation régionale", "un groupe d'entreprises", "un organisme public"),
        activity=(
            "coordonne des services auprès de plusieurs municipalités",
            "exploite plusieurs établissements en Montérégie",
            "soutient le développement économique de la région",
        ),
        clients=("des partenaires publics et privés", "la population de la région"),
        places=("la direction générale", "le siège social", "le comité de direction"),
        tasks=(
            "élaborer le plan stratégique et en assurer le suivi",
            "gérer un budget de plusieurs millions de dollars",
            "diriger une équipe de gestionnaires",
            "représenter l'organisation auprès des partenaires",
            "préparer les rencontres du conseil d'administration",
            "veiller au respect des politiques et des lois applicables",
            "mobiliser les équipes autour des priorités",
            "négocier les ententes avec les partenaires financiers",
            "superviser la reddition de comptes",
            "piloter les projets de transformation organisationnelle",
            "évaluer le rendement des directions",
            "assurer une saine gestion des ressources humaines",
        ),
        skills=(
            "gestion stratégique",
            "gestion budgétaire",
            "leadership mobilisateur",
            "gouvernance",
            "relations avec les partenaires",
            "gestion du changement",
            "négociation",
            "planification financière",
            "communication publique",
            "gestion de projets",
        ),
        qualities=("vision", "sens politique", "intégrité", "leadership", "rigueur"),
        schooling=(
            "Baccalauréat en administration",
            "Maîtrise en gestion ou en administration publique",
            "Dix ans d'expérience en gestion",
        ),
        environment=(
            "La direction relève du conseil d'administration et travaille avec une équipe de "
            "gestion expérimentée.",
            "L'organisation traverse une période de croissance et de modernisation.",
            "Les déplacements dans la région sont fréquents.",
            "Le poste exige une grande disponibilité pour les rencontres en soirée.",
        ),
        pleasures=("relever des défis stratégiques", "diriger des équipes"),
        names=("Groupe", "Corporation", "Régie", "Société de développement"),
        pay=(4500, 7500),
    ),
    1: Vocabulary(
        kind=("un cabinet comptable", "une entreprise de services", "une caisse", "un bureau"),
        activity=(
            "offre des services comptables et fiscaux aux PME",
            "gère les dossiers administratifs de ses clients",
            "accompagne les entreprises de la région depuis des années",
            "traite les réclamations d'assurance de ses membres",
        ),
        clients=("des PME de la région", "des particuliers et des entreprises", "ses membres"),
        places=("nos bureaux", "le service de la comptabilité", "l'équipe administrative"),
        tasks=(
            "saisir les factures et les paiements dans le logiciel comptable",
            "préparer les conciliations bancaires",
            "répondre aux appels et diriger les demandes",
            "tenir à jour les dossiers des clients",
            "préparer les paies et les relevés d'emploi",
            "rédiger la correspondance et les procès-verbaux",
            "effectuer les suivis des comptes clients",
            "préparer les déclarations de taxes",
            "planifier les rendez-vous et l'agenda de la direction",
            "classer et numériser les documents",
            "produire les rapports mensuels",
            "accueillir la clientèle à la réception",
            "commander les fournitures de bureau",
        ),
        skills=(
            "Sage 50",
            "Acomba",
            "suite Microsoft Office",
            "Excel avancé",
            "tenue de livres",
            "paie",
            "service à la clientèle",
            "rédaction en français",
            "classement",
            "comptes fournisseurs",
            "comptes clients",
            "réception téléphonique",
        ),
        qualities=("sens de l'organisation", "discrétion", "rigueur", "autonomie", "entregent"),
        schooling=(
            "DEP en comptabilité",
            "DEP en secrétariat",
            "AEC en bureautique",
            "DEC en techniques de comptabilité et de gestion",
        ),
        environment=(
            "Nos bureaux lumineux sont situés au centre-ville, près des services.",
            "Vous travaillerez avec une petite équipe stable et conviviale.",
            "Le télétravail est possible une journée par semaine après la probation.",
            "La période des impôts, de février à avril, est plus chargée.",
            "Nous utilisons des outils infonuagiques modernes.",
        ),
        pleasures=("les chiffres", "l'organisation et le travail de bureau"),
        names=("Cabinet", "Services administratifs", "Gestion", "Comptabilité"),
        pay=(1900, 2900),
    ),
    2: Vocabulary(
        kind=("une firme de génie-conseil", "un laboratoire", "une entreprise technologique"),
        activity=(
            "conçoit des équipements industriels",
            "réalise des essais et des analyses pour l'industrie",
            "développe des logiciels de gestion",
            "offre des services d'ingénierie en environnement",
        ),
        clients=("des clients industriels", "les municipalités de la région"),
        places=("le bureau d'études", "le laboratoire", "l'équipe de conception"),
        tasks=(
            "préparer des dessins et des plans avec AutoCAD",
            "réaliser des essais en laboratoire",
            "analyser les données et rédiger des rapports techniques",
            "participer à la conception de nouveaux produits",
            "assurer le soutien technique aux utilisateurs",
            "effectuer des inspections de chantier",
            "mettre à jour la documentation technique",
            "programmer et tester des applications",
            "calibrer les instruments de mesure",
            "collaborer avec les ingénieurs et la production",
            "prélever des échantillons sur le terrain",
            "installer et configurer les postes informatiques",
        ),
        skills=(
            "AutoCAD",
            "SolidWorks",
            "Inventor",
            "lecture de plans",
            "programmation",
            "réseautique",
            "analyses de laboratoire",
            "métrologie",
            "soutien informatique",
            "environnement",
            "dessin technique",
        ),
        qualities=("esprit d'analyse", "minutie", "curiosité", "rigueur", "esprit d'équipe"),
        schooling=(
            "DEC en génie mécanique",
            "DEC en techniques de l'informatique",
            "DEP en dessin industriel",
            "Baccalauréat en génie",
        ),
        environment=(
            "Vous aurez accès à des équipements à la fine pointe.",
            "L'équipe technique compte une quinzaine de personnes passionnées.",
            "Des déplacements occasionnels chez les clients sont à prévoir.",
            "Nous favorisons la formation continue et payons les cotisations professionnelles.",
        ),
        pleasures=("résoudre des problèmes techniques", "la technologie"),
        names=("Technologies", "Génie-conseil", "Laboratoires", "Solutions"),
        pay=(2400, 3800),
    ),
    3: Vocabulary(
        kind=("une résidence pour aînés", "une clinique", "une pharmacie", "un CIUSSS"),
        activity=(
            "accueille plus de cent résidents autonomes et semi-autonomes",
            "offre des soins de santé de proximité",
            "dessert la population du territoire depuis des années",
            "offre des soins à domicile",
        ),
        clients=("des aînés", "la population locale", "les familles de la région"),
        places=("l'unité de soins", "la clinique", "la résidence", "le laboratoire"),
        tasks=(
            "donner les soins d'hygiène et de confort aux résidents",
            "aider les résidents lors des repas et des déplacements",
            "administrer les médicaments selon les ordonnances",
            "prendre les signes vitaux",
            "observer l'état des personnes et signaler les changements",
            "préparer les ordonnances et servir la clientèle au comptoir",
            "accueillir les patients et planifier les rendez-vous",
            "désinfecter le matériel et les chambres",
            "participer aux plans d'intervention",
            "accompagner les résidents dans les activités",
            "tenir les dossiers à jour",
            "assurer les transferts avec le lève-personne",
        ),
        skills=(
            "PDSB",
            "RCR",
            "soins d'hygiène",
            "administration des médicaments",
            "relation d'aide",
            "soins aux aînés",
            "approche milieu de vie",
            "prise de signes vitaux",
            "accueil des patients",
            "préparation des ordonnances",
        ),
        qualities=("empathie", "patience", "respect", "douceur", "sens des responsabilités"),
        schooling=(
            "DEP en assistance à la personne en établissement et à domicile",
            "DEP en santé, assistance et soins infirmiers",
            "DEC en soins infirmiers",
            "DEP en assistance technique en pharmacie",
        ),
        environment=(
            "Notre milieu de vie chaleureux place les résidents au coeur de nos décisions.",
            "Les équipes sont stables et l'entraide est au rendez-vous.",
            "Une formation d'accueil de trois jours est offerte à chaque nouvelle personne.",
            "Le ratio de personnel est supérieur aux normes.",
            "Nous offrons la formation PDSB et RCR payée.",
        ),
        pleasures=("prendre soin des autres", "aider les aînés"),
        names=("Résidence", "Clinique", "Pharmacie", "Soins à domicile"),
        pay=(1900, 3600),
    ),
    4: Vocabulary(
        kind=("un centre de la petite enfance", "un organisme communautaire", "une école"),
        activity=(
            "accueille quatre-vingts enfants de 0 à 5 ans",
            "accompagne les familles et les personnes vulnérables",
            "offre des services éducatifs de qualité",
            "aide les personnes à intégrer le marché du travail",
        ),
        clients=("les familles", "des jeunes", "des personnes en recherche d'emploi"),
        places=("le CPE", "l'organisme", "le service de garde", "l'école"),
        tasks=(
            "planifier et animer des activités éducatives",
            "assurer la sécurité et le bien-être des enfants",
            "accompagner les personnes dans leurs démarches",
            "communiquer avec les parents chaque jour",
            "animer des ateliers de groupe",
            "tenir les dossiers et rédiger des notes d'évolution",
            "préparer le matériel pédagogique",
            "soutenir les enfants ayant des besoins particuliers",
            "accueillir les personnes et évaluer leurs besoins",
            "organiser les sorties et les activités spéciales",
            "collaborer avec les partenaires du milieu",
            "participer aux réunions d'équipe",
        ),
        skills=(
            "éducation à l'enfance",
            "animation de groupe",
            "intervention",
            "relation d'aide",
            "premiers soins",
            "gestion de groupe",
            "programme éducatif",
            "rédaction de rapports",
            "accueil",
            "accompagnement",
        ),
        qualities=("créativité", "patience", "écoute", "bienveillance", "dynamisme"),
        schooling=(
            "DEC en techniques d'éducation à l'enfance",
            "AEC en éducation à l'enfance",
            "Baccalauréat en travail social",
            "DEC en techniques d'intervention en délinquance",
        ),
        environment=(
            "Notre installation compte une grande cour et un gymnase.",
            "L'équipe éducative est soutenue par une conseillère pédagogique.",
            "Nous valorisons la collaboration avec les parents.",
            "Nous offrons cinq journées pédagogiques de formation par année.",
        ),
        pleasures=("travailler avec les enfants", "accompagner les gens"),
        names=("CPE", "Centre", "Maison de la famille", "Carrefour"),
        pay=(1900, 3000),
    ),
    5: Vocabulary(
        kind=("un centre culturel", "un service des loisirs", "un camp de jour"),
        activity=(
            "organise des activités culturelles et sportives",
            "accueille des milliers de visiteurs chaque été",
            "offre une programmation variée toute l'année",
        ),
        clients=("les citoyens", "les visiteurs", "les jeunes de la région"),
        places=("le centre", "le camp de jour", "la salle de spectacle", "la piscine"),
        tasks=(
            "animer des groupes d'enfants",
            "surveiller la piscine et appliquer les règlements",
            "préparer les salles et le matériel",
            "accueillir les visiteurs et vendre les billets",
            "concevoir des affiches et des publications",
            "participer au montage des spectacles",
            "organiser des tournois et des événements",
            "entretenir les équipements sportifs",
            "photographier les événements",
            "mettre à jour le site Web et les réseaux sociaux",
        ),
        skills=(
            "animation",
            "sauveteur national",
            "graphisme",
            "suite Adobe",
            "photographie",
            "sonorisation",
            "réseaux sociaux",
            "organisation d'événements",
            "entraînement sportif",
        ),
        qualities=("dynamisme", "créativité", "sens de l'humour", "leadership", "énergie"),
        schooling=(
            "DAFA",
            "Brevet de sauveteur national",
            "DEC en graphisme",
            "Expérience en animation",
        ),
        environment=(
            "Vous travaillerez dans une équipe jeune et dynamique.",
            "La saison estivale est intense et remplie de beaux moments.",
            "Le site est accessible à vélo par la piste cyclable.",
            "Une formation rémunérée a lieu avant le début de la saison.",
        ),
        pleasures=("animer", "la culture et les loisirs"),
        names=("Centre culturel", "Loisirs", "Studio", "Camp"),
        pay=(1600, 2600),
    ),
    6: Vocabulary(
        kind=("une épicerie", "un restaurant", "un commerce de détail", "un hôtel"),
        activity=(
            "sert une clientèle fidèle depuis des années",
            "accueille les voyageurs et les familles",
            "offre des produits frais et locaux",
            "est un commerce familial reconnu pour son service",
        ),
        clients=("une clientèle locale", "les touristes", "les familles de la région"),
        places=("le magasin", "la cuisine", "la salle à manger", "le comptoir", "l'entrepôt"),
        tasks=(
            "servir la clientèle et répondre à ses questions",
            "placer la marchandise sur les tablettes",
            "opérer la caisse enregistreuse",
            "préparer les plats selon les recettes",
            "nettoyer la cuisine et laver la vaisselle",
            "recevoir et vérifier les livraisons",
            "faire la rotation des produits",
            "prendre les commandes aux tables",
            "préparer les chambres et changer la literie",
            "entretenir les aires communes",
            "monter les présentoirs promotionnels",
            "conseiller les clients sur les produits",
            "assurer la sécurité des lieux",
            "emballer les achats des clients",
        ),
        skills=(
            "service à la clientèle",
            "caisse",
            "manipulation des aliments",
            "cuisine",
            "vente",
            "entretien ménager",
            "mise en marché",
            "gestion des stocks",
            "service aux tables",
            "boucherie",
            "boulangerie",
            "réception hôtelière",
        ),
        qualities=("courtoisie", "sourire", "rapidité", "sens du service", "ponctualité"),
        schooling=(
            "DEP en cuisine",
            "DEP en boucherie de détail",
            "Certificat d'hygiène et salubrité du MAPAQ",
            "Aucune expérience requise, formation sur place",
        ),
        environment=(
            "L'ambiance est familiale et l'équipe est tissée serrée.",
            "Les pourboires sont partagés entre toute l'équipe.",
            "Un rabais employé est offert sur les achats.",
            "Les horaires sont faits deux semaines à l'avance.",
            "Le commerce est situé sur l'artère principale, près des autobus.",
        ),
        pleasures=("le contact avec le public", "la cuisine", "le service"),
        names=("Épicerie", "Restaurant", "Boutique", "Hôtel", "Marché", "Dépanneur"),
        pay=(1600, 2300),
    ),
    7: Vocabulary(
        kind=("une entreprise de construction", "un garage", "une entreprise de transport"),
        activity=(
            "réalise des projets résidentiels et commerciaux",
            "entretient des flottes de véhicules lourds",
            "transporte des marchandises partout au Québec",
            "offre des services d'électricité et de plomberie",
        ),
        clients=("des entrepreneurs généraux", "des clients industriels", "les particuliers"),
        places=("le garage", "les chantiers", "l'atelier", "la cour", "l'entrepôt"),
        tasks=(
            "souder des pièces selon les plans",
            "diagnostiquer et réparer les véhicules",
            "conduire un camion de classe 1 sur de longues distances",
            "installer et réparer le filage électrique",
            "lire des plans et des devis",
            "effectuer l'entretien préventif de la machinerie",
            "opérer le chariot élévateur",
            "charger et décharger les remorques",
            "installer la tuyauterie et les appareils sanitaires",
            "préparer les surfaces et appliquer la peinture",
            "faire l'inspection avant départ",
            "assembler les charpentes et les coffrages",
            "remplacer les pneus et faire les alignements",
            "tenir le registre des heures de conduite",
        ),
        skills=(
            "soudage MIG",
            "soudage TIG",
            "mécanique automobile",
            "mécanique diesel",
            "électricité",
            "plomberie",
            "permis classe 1",
            "permis classe 3",
            "chariot élévateur",
            "lecture de plans",
            "carte ASP construction",
            "menuiserie",
            "hydraulique",
        ),
        qualities=("débrouillardise", "habileté manuelle", "souci de la sécurité", "autonomie"),
        schooling=(
            "DEP en soudage-montage",
            "DEP en mécanique automobile",
            "DEP en électricité",
            "DEP en transport par camion",
            "DEP en mécanique de véhicules lourds routiers",
            "Carte de compétence de la CCQ",
        ),
        environment=(
            "Nos équipements sont récents et bien entretenus.",
            "Le garage est chauffé et bien éclairé.",
            "Les camions sont assignés et reviennent à la maison chaque soir.",
            "Les outils sont fournis et une allocation pour les bottes est versée.",
            "Un compagnon d'expérience vous accompagnera à l'arrivée.",
        ),
        pleasures=("travailler de vos mains", "la mécanique", "la route"),
        names=("Construction", "Garage", "Transport", "Soudure", "Électricité", "Plomberie"),
        pay=(2200, 3500),
    ),
    8: Vocabulary(
        kind=("une ferme laitière", "une entreprise maraîchère", "une serre", "une pépinière"),
        activity=(
            "cultive des légumes sur plus de cent hectares",
            "produit du lait depuis trois générations",
            "cultive des fleurs et des plants en serre",
            "entretient des terrains et des espaces verts",
        ),
        clients=("les marchés publics", "les épiceries du Québec", "des clients commerciaux"),
        places=("les champs", "la serre", "l'étable", "les terrains"),
        tasks=(
            "récolter les légumes à la main",
            "planter et repiquer les semis",
            "traire les vaches et nourrir les animaux",
            "conduire le tracteur et la machinerie agricole",
            "désherber et entretenir les cultures",
            "emballer et étiqueter les produits",
            "tondre le gazon et tailler les haies",
            "réparer les clôtures et les bâtiments",
            "surveiller l'irrigation",
            "nettoyer les étables",
            "déneiger les stationnements en hiver",
        ),
        skills=(
            "conduite de tracteur",
            "travaux agricoles",
            "horticulture",
            "traite",
            "aménagement paysager",
            "machinerie agricole",
            "entretien des terrains",
            "déneigement",
        ),
        qualities=("endurance", "ponctualité", "goût du travail extérieur", "fiabilité"),
        schooling=(
            "DEP en production laitière",
            "DEP en horticulture et jardinerie",
            "Aucune expérience requise",
            "Permis de conduire classe 5",
        ),
        environment=(
            "Le travail se fait à l'extérieur, beau temps mauvais temps.",
            "La saison débute en avril et se termine en novembre.",
            "Un logement peut être offert aux travailleurs saisonniers.",
            "Le transport est organisé à partir de Sorel-Tracy.",
        ),
        pleasures=("le travail extérieur", "l'agriculture"),
        names=("Ferme", "Serres", "Jardins", "Paysagement", "Vergers"),
        pay=(1600, 2400),
    ),
    9: Vocabulary(
        kind=("une usine", "une entreprise manufacturière", "une usine de transformation"),
        activity=(
            "fabrique des composantes métalliques pour l'industrie",
            "transforme des aliments pour les épiceries du Québec",
            "produit des pièces de plastique moulées",
            "fabrique des meubles et des armoires",
        ),
        clients=("des clients du Québec et de l'Ontario", "des chaînes d'alimentation"),
        places=("l'usine", "la chaîne de production", "l'atelier d'usinage", "l'emballage"),
        tasks=(
            "alimenter les machines de production",
            "opérer une presse plieuse",
            "régler et ajuster les machines",
            "inspecter les pièces et noter les défauts",
            "emballer les produits finis",
            "assembler des composantes selon les gabarits",
            "programmer et opérer une machine CNC",
            "nettoyer et désinfecter les équipements",
            "tenir les registres de production",
            "déplacer les palettes avec le transpalette",
            "respecter les normes de santé et sécurité",
            "participer à l'amélioration continue",
            "surveiller les paramètres des procédés",
        ),
        skills=(
            "opération de machines",
            "usinage CNC",
            "contrôle de la qualité",
            "assemblage",
            "emballage",
            "cadenassage",
            "SIMDUT",
            "transpalette",
            "lecture de plans",
            "bonnes pratiques de fabrication",
            "presse plieuse",
            "traitement des eaux",
        ),
        qualities=("dextérité", "minutie", "endurance", "esprit d'équipe", "assiduité"),
        schooling=(
            "DEP en techniques d'usinage",
            "DEP en conduite de machines industrielles",
            "Diplôme d'études secondaires",
            "Aucune expérience requise, formation à l'interne",
        ),
        environment=(
            "L'usine est propre, climatisée et bien éclairée.",
            "Les quarts sont de huit heures avec deux pauses payées.",
            "Une prime de soir et une prime de nuit s'ajoutent au salaire.",
            "Nous formons nos opérateurs et opératrices à l'interne.",
            "Le comité de santé et sécurité est actif et à l'écoute.",
        ),
        pleasures=("le travail manuel", "voir un produit prendre forme"),
        names=("Usinage", "Fabrication", "Plastiques", "Aliments", "Métal", "Industries"),
        pay=(1800, 2900),
    ),
}

GENERIC_SKILLS = (
    "travail d'équipe",
    "ponctualité",
    "bilinguisme",
    "permis de conduire classe 5",
    "informatique de base",
    "service à la clientèle",
    "capacité d'apprendre rapidement",
    "polyvalence",
)
PLACE_NAMES = (
    "Richelieu",
    "Saurel",
    "Yamaska",
    "du Fleuve",
    "Bas-Richelieu",
    "Tracy",
    "des Îles",
    "Saint-Laurent",
    "Montérégie",
    "Drummond",
    "Nicolet",
    "Bécancour",
    "Berthier",
    "Joliette",
    "Verchères",
    "Contrecoeur",
    "Maskoutain",
    "Rive-Sud",
    "Chambly",
    "Horizon",
    "Avenir",
    "Boréal",
    "Laurentide",
    "des Patriotes",
    "Sainte-Anne",
    "du Carré Royal",
)
SUFFIXES = ("inc.", "ltée", "et fils", "", "", "coop", "S.E.N.C.")
BOSSES = (
    "la directrice des opérations",
    "du directeur général",
    "la superviseure d'équipe",
    "du contremaître",
    "la gérante",
    "du chef d'équipe",
)
EXTRA = (
    "Nous croyons que nos employés sont notre plus grande richesse.",
    "L'entreprise a remporté un prix régional pour ses pratiques de gestion humaine.",
    "Nous privilégions la promotion interne et la formation continue.",
    "Une période d'intégration avec une personne d'expérience est prévue.",
    "Le stationnement est gratuit et situé à deux pas de l'entrée.",
    "Des activités sociales sont organisées tout au long de l'année.",
    "Vous recevrez une évaluation et une augmentation après trois mois.",
    "Nous offrons une prime de référence à l'embauche d'un candidat recommandé.",
    "Les vacances sont garanties à Noël et pendant les vacances de la construction.",
    "Vous aurez la possibilité de suivre des formations pour développer vos compétences.",
    "Notre équipe de direction est accessible et à l'écoute de vos idées.",
    "La sécurité de notre personnel est une priorité quotidienne.",
)
CLOSINGS = (
    "Faites-nous parvenir votre CV par courriel en mentionnant le titre du poste.",
    "Vous pouvez postuler en ligne ou déposer votre CV directement sur place.",
    "Seules les personnes retenues pour une entrevue seront contactées.",
    "Les entrevues auront lieu dès la semaine prochaine; n'attendez pas pour postuler.",
    "Pour plus d'information, communiquez avec notre équipe des ressources humaines.",
)
FIRST_NAMES = (
    "Marie Julie Nathalie Isabelle Karine Mélanie Sophie Valérie Annie Chantal Émilie Camille "
    "Léa Chloé Sarah Amira Fatima Rosalie Martin Éric Stéphane Patrick Sylvain Mathieu Olivier "
    "Alexandre Jonathan Kevin Samuel Gabriel Nicolas Jérémy Mohamed Luis Antoine William Noah"
).split()
LAST_NAMES = (
    "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier "
    "Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier "
    "Dubé Poirier Fournier Lapointe Cournoyer Salvail Péloquin Mandeville Latraverse Diallo "
    "Nguyen Rodriguez Benali"
).split()
DIPLOMAS = ("DEP", "DEC", "AEC", "Baccalauréat", "Maîtrise", "DAFA", "Brevet", "Certificat")
FUNCTION_WORDS = frozenset("de du des d la le les l en et à au aux pour sur dans par ou".split())

# Employment types and schedules of offers, with their shares (flags of models.offers).
OFFER_TYPES = ((5, 42), (9, 9), (6, 18), (10, 7), (17, 7), (18, 3), (1, 8), (2, 4), (0, 2))
OFFER_SCHEDULES = (
    (1, 46),
    (2, 9),
    (4, 4),
    (3, 10),
    (9, 8),
    (16, 7),
    (11, 5),
    (6, 3),
    (8, 3),
    (0, 5),
)
PROFILE_AVAILABILITY = (
    (1, 30),
    (3, 18),
    (9, 8),
    (7, 8),
    (15, 14),
    (31, 6),
    (2, 4),
    (6, 2),
    (0, 10),
)
PROFILE_TYPES = ((0, 40), (1, 20), (2, 12), (5, 14), (3, 6), (8, 4), (6, 4))
RECORD_OPENNESS = ((None, 50), ("yes", 15), ("discuss", 20), ("no", 15))


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def title_suffix(types: int, schedules: int) -> str:
    """What employers add to a title, consistent with the offer's facts."""
    if schedules & 4:
        return " – quart de nuit"
    if schedules == 2:
        return " – quart de soir"
    if types & 2 and not types & 1:
        return " (temps partiel)"
    if types & 16:
        return " – saisonnier"
    if types & 8:
        return " – remplacement"
    return ""


def money(cents: int) -> str:
    return f"{cents / 100:.2f}".replace(".", ",") + " $"


# --- generation ------------------------------------------------------------------------------


@dataclass
class Reference:
    """What the generator reads from the reference tables."""

    titles: dict[str, list[str]]  # CNP code -> French example titles
    groups: dict[int, list[str]]  # broad category -> codes that have example titles
    towns: dict[str, tuple[str, str, int]]  # code -> name, MRC code, population
    offer_towns: tuple[list[str], list[float]]  # codes and weights, for offers
    home_towns: tuple[list[str], list[float]]  # ... for participants' homes


def read_reference(db) -> Reference:
    from sqlalchemy import select

    from orientheque_jobs.models import Municipality, NocExampleTitle, NocUnitGroup

    titles: dict[str, list[str]] = {}
    for code, title in db.session.execute(
        select(NocExampleTitle.code, NocExampleTitle.title)
        .where(NocExampleTitle.lang == "fr")
        .order_by(NocExampleTitle.code, NocExampleTitle.title)
    ):
        titles.setdefault(code, []).append(title)
    groups: dict[int, list[str]] = {}
    for code, category in db.session.execute(
        select(NocUnitGroup.code, NocUnitGroup.broad_category).order_by(NocUnitGroup.code)
    ):
        if code in titles:
            groups.setdefault(category, []).append(code)
    towns = {}
    for code, name, mrc, population in db.session.execute(
        select(Municipality.code, Municipality.name, Municipality.mrc_code, Municipality.population)
        .where(
            Municipality.region_code.in_(REGIONS),
            Municipality.latitude.is_not(None),
            Municipality.longitude.is_not(None),
        )
        .order_by(Municipality.code)
    ):
        towns[code] = (name, mrc, population or 500)
    if not towns or not groups:
        raise SystemExit("reference data missing: load_reference_data() found no rows")
    home = [c for c in towns if towns[c][1] == HOME_MRC]
    away = [c for c in towns if towns[c][1] != HOME_MRC]

    def mix(home_share: float) -> tuple[list[str], list[float]]:
        # Within each part, bigger towns get more (population ** 0.7): Sorel-Tracy, Drummondville,
        # Saint-Hyacinthe, Longueuil, Joliette... without leaving the villages empty.
        h = sum(towns[c][2] ** 0.7 for c in home)
        a = sum(towns[c][2] ** 0.7 for c in away)
        weights = [home_share * towns[c][2] ** 0.7 / h for c in home]
        weights += [(1 - home_share) * towns[c][2] ** 0.7 / a for c in away]
        return home + away, weights

    return Reference(
        titles=titles,
        groups=groups,
        towns=towns,
        offer_towns=mix(0.35),
        home_towns=mix(0.6),
    )


def gendered_forms(title: str) -> tuple[list[str], list[str]]:
    """Masculine and feminine word lists of an example title ("Monteur/monteuse de...")."""
    main = re.sub(r"\(.*?\)", "", title).split(" - ")[0].strip()
    left, slash, right = main.partition("/")
    if not slash:
        words = main.split()
        return words, words
    masculine = left.split()
    feminine = right.split()
    return masculine + feminine[len(masculine) :], feminine


def occupation_words(title: str, rng: random.Random) -> str:
    """1-3 words of an example title, as a participant or a counsellor would type them."""
    masculine, feminine = gendered_forms(title)
    words = feminine if rng.random() < 0.35 else masculine
    words = [re.sub(r"^[dlDL]['’]", "", w).strip(",") for w in words]
    words = [w for w in words if w and w.lower() not in FUNCTION_WORDS]
    if not words:
        return title.lower()
    rest = words[1:]
    keep = sorted(rng.sample(range(len(rest)), min(len(rest), rng.choice((0, 0, 1, 1, 2)))))
    return " ".join([words[0]] + [rest[i] for i in keep]).lower()


class Generator:
    """Seeded: the same seed and day always give the same employers, offers and profiles."""

    def __init__(self, ref: Reference, seed: int, today: date, now: datetime) -> None:
        self.ref = ref
        self.rng = random.Random(seed)
        self.today = today
        self.now = now

    def category(self, weights: dict[int, float]) -> int:
        cats = [c for c in weights if c in self.ref.groups]
        return self.rng.choices(cats, weights=[weights[c] for c in cats])[0]

    def title_of(self, category: int) -> tuple[str, str]:
        code = self.rng.choice(self.ref.groups[category])
        return code, self.rng.choice(self.ref.titles[code])

    def town(self, pool: tuple[list[str], list[float]]) -> str:
        return self.rng.choices(pool[0], weights=pool[1])[0]

    def employers(self, count: int) -> list[dict]:
        rng = self.rng
        rows = []
        for _ in range(count):
            category = self.category(OFFER_CATEGORY_WEIGHTS)
            vocab = VOCABULARY[category]
            town = self.town(self.ref.offer_towns)
            name = " ".join(
                part
                for part in (
                    rng.choice(vocab.names),
                    rng.choice(PLACE_NAMES + (self.ref.towns[town][0],) * 4),
                    rng.choice(SUFFIXES),
                )
                if part
            )
            rows.append(
                dict(
                    name=name,
                    municipality_code=town,
                    sector=vocab.kind[0].split(" ", 1)[1],
                    category=category,
                )
            )
        return rows

    def offer_text(
        self, vocab: Vocabulary, title: str, employer: dict, town: str, facts: dict, words: int
    ) -> tuple[str, str, str]:
        """(description, tasks, requirements) of about `words` words in all (150-400)."""
        rng = self.rng
        name = employer["name"]
        own = VOCABULARY[employer["category"]]  # the employer's own trade, for the intro
        tasks = rng.sample(vocab.tasks, min(len(vocab.tasks), rng.randint(3, 5)))
        task_text = "\n".join(f"- {t[0].upper()}{t[1:]}." for t in tasks)
        requirements = [rng.choice(vocab.schooling)]
        requirements += [
            f"Expérience ou formation en {s}" for s in rng.sample(vocab.skills, rng.randint(1, 3))
        ]
        if rng.random() < 0.5:
            requirements.append(f"{rng.choice(vocab.qualities).capitalize()} et ponctualité")
        requirement_text = "\n".join(f"- {r}." for r in requirements)
        budget = words - len(task_text.split()) - len(requirement_text.split())

        years = rng.randint(5, 70)
        intro = rng.choice(
            (
                f"{name}, {rng.choice(own.kind)} de {town}, est en activité depuis {years} ans.",
                f"Depuis {years} ans, {name} {rng.choice(own.activity)} pour "
                f"{rng.choice(own.clients)}.",
                f"À {town}, {name} compte une équipe de {rng.randint(4, 250)} personnes "
                f"et {rng.choice(own.activity)}.",
            )
        )
        need = rng.choice(
            (
                f"Nous recherchons une personne pour occuper le poste de {title}.",
                f"Afin de soutenir notre croissance, nous ajoutons à notre équipe un poste de "
                f"{title}.",
                f"Vous aimez {rng.choice(vocab.pleasures)}? Joignez-vous à notre équipe à titre "
                f"de {title}.",
            )
        )
        others = [t for t in vocab.tasks if t not in tasks]
        rng.shuffle(others)
        role = [
            f"Relevant {rng.choice(BOSSES)}, vous serez appelé à {others[0]}, à {others[1]} "
            f"et à {others[2]}.",
        ] + [
            rng.choice(("Vous devrez aussi ", "Vous aurez également à ", "Il faudra aussi "))
            + t
            + rng.choice((".", " au besoin.", " selon les priorités de la journée."))
            for t in others[3:]
        ]
        qualities = rng.sample(vocab.qualities, 2)
        profile = [
            f"Nous cherchons une personne reconnue pour sa {qualities[0]} et sa {qualities[1]}.",
            f"Une connaissance de {rng.choice(vocab.skills + GENERIC_SKILLS)} est un atout.",
            rng.choice(
                (
                    "Les candidatures de personnes sans expérience sont aussi considérées.",
                    "Une première expérience dans un poste semblable sera appréciée.",
                    "La maîtrise du français parlé est nécessaire pour communiquer avec l'équipe.",
                )
            ),
        ]
        conditions = [self.schedule_sentence(facts), self.pay_sentence(vocab, facts)]
        place = rng.choice(vocab.places)
        if facts["remote"]:
            conditions.append(
                "Le poste s'exerce en télétravail, avec quelques rencontres au bureau."
            )
        else:
            conditions.append(
                f"Le travail se fait principalement dans {place}, à {town}."
                if place.startswith(("le ", "la ", "l'", "les "))
                else f"Le travail se fait principalement à {town}."
            )
        from orientheque_jobs.services.demo import BENEFITS, INCLUSION

        benefits = [
            "Ce que nous offrons : " + ", ".join(rng.sample(BENEFITS, rng.randint(2, 5))) + "."
        ]
        inclusion = []
        if facts["wage_subsidy_welcome"]:
            inclusion.append("Nous participons aux programmes de subvention salariale.")
        if facts["transit_accessible"] and not facts["remote"]:
            inclusion.append("Le lieu de travail est desservi par le transport collectif.")
        if facts["criminal_record_openness"] == "yes":
            inclusion.append(
                "Un antécédent judiciaire sans lien avec l'emploi n'est pas un obstacle."
            )
        if rng.random() < 0.45:
            inclusion.append(rng.choice(INCLUSION))
        closing = [rng.choice(CLOSINGS)]

        environment = list(vocab.environment)
        extra = list(EXTRA)
        rng.shuffle(environment)
        rng.shuffle(extra)
        # Kinds in reading order; optional ones are added until the budget is spent.
        kinds = {
            "intro": [intro],
            "need": [need],
            "role": [],
            "environment": [],
            "profile": [],
            "conditions": conditions,
            "benefits": [],
            "inclusion": [],
            "extra": [],
            "closing": closing,
        }
        used = sum(len(s.split()) for key in kinds for s in kinds[key])
        optional = [("role", role[0]), ("benefits", benefits[0]), ("profile", profile[0])]
        optional += [("inclusion", s) for s in inclusion]
        optional += [("environment", s) for s in environment[:2]] + [("profile", profile[1])]
        optional += [("role", s) for s in role[1:3]] + [("profile", profile[2])]
        optional += [("environment", s) for s in environment[2:]] + [("role", s) for s in role[3:]]
        optional += [("extra", s) for s in extra]
        for kind, sentence in optional:
            n = len(sentence.split())
            if used + n > budget:
                continue
            kinds[kind].append(sentence)
            used += n
        floor = 150 - (words - budget)  # never under 150 words in all
        for kind, sentence in optional:
            if used >= floor:
                break
            if sentence not in kinds[kind]:
                kinds[kind].append(sentence)
                used += len(sentence.split())
        paragraphs = [
            " ".join(kinds["intro"] + kinds["need"]),
            " ".join(kinds["role"] + kinds["environment"]),
            " ".join(kinds["profile"]),
            " ".join(kinds["conditions"] + kinds["benefits"]),
            " ".join(kinds["inclusion"] + kinds["extra"]),
            " ".join(kinds["closing"]),
        ]
        description = "\n\n".join(p for p in paragraphs if p)
        return description, task_text, requirement_text

    def schedule_sentence(self, facts: dict) -> str:
        schedules, types = facts["schedules"], facts["employment_types"]
        when = {
            0: "L'horaire sera établi selon vos disponibilités.",
            1: "L'horaire est de jour, du lundi au vendredi.",
            2: "Il s'agit d'un poste de soir, de 16 h à minuit, avec une prime.",
            4: "Le poste est de nuit, de minuit à 8 h, avec une prime de nuit.",
            3: "L'horaire alterne entre le jour et le soir selon les semaines.",
            9: "L'horaire est de jour, incluant une fin de semaine sur deux.",
            16: "L'horaire est en rotation de jour, de soir et de nuit.",
            11: "L'horaire comprend des quarts de jour et de soir, en semaine et la fin de "
            "semaine.",
            6: "Les quarts sont de soir et de nuit.",
            8: "Le poste est de fin de semaine seulement.",
        }.get(schedules, "L'horaire est variable.")
        if types & 2 and not types & 1:
            hours = f"Poste à temps partiel d'environ {facts['hours']} heures par semaine."
        else:
            hours = f"Poste à temps plein de {facts['hours']} heures par semaine."
        if types & 16:
            hours += " Emploi saisonnier, d'avril à novembre."
        elif types & 8:
            hours += " Contrat temporaire de six mois, avec possibilité de prolongation."
        elif types & 4:
            hours += " Poste permanent après la période de probation."
        return f"{when} {hours}"

    def pay_sentence(self, vocab: Vocabulary, facts: dict) -> str:
        low, high = facts["salary_min_cents"], facts["salary_max_cents"]
        if low is None:
            return "Le salaire est concurrentiel et établi selon l'expérience."
        return f"Le salaire varie de {money(low)} à {money(high)} l'heure, selon l'expérience."

    def offers(self, employers: list[dict], count: int) -> list[dict]:
        """Rows for `insert(Offer)`: published and visible (expiring 1-90 days from today)."""
        from orientheque_jobs.models import OfferStatus, RecordOpenness, SalaryUnit, fold
        from orientheque_jobs.services.offers import search_text_of

        rng = self.rng
        # A few employers post much more than the others.
        weights = [1 / (rank + 3) ** 0.8 for rank in range(len(employers))]
        picks = rng.choices(range(len(employers)), weights=weights, k=count)
        rows = []
        for index in picks:
            employer = employers[index]
            category = (
                employer["category"]
                if rng.random() < 0.8
                else self.category(OFFER_CATEGORY_WEIGHTS)
            )
            vocab = VOCABULARY[category]
            code, title = self.title_of(category)
            types = weighted(rng, OFFER_TYPES)
            schedules = weighted(rng, OFFER_SCHEDULES)
            suffix = title_suffix(types, schedules)
            if suffix and rng.random() < 0.4:
                title += suffix
            municipality = (
                employer["municipality_code"]
                if rng.random() < 0.9
                else self.town(self.ref.offer_towns)
            )
            town = self.ref.towns[municipality][0]
            population = self.ref.towns[municipality][2]
            remote = rng.random() < (0.12 if category in (1, 2) else 0.03)
            low = vocab.pay[0] + rng.randrange(0, 600, 25)
            high = low + rng.randrange(100, 900, 25)
            record = weighted(rng, RECORD_OPENNESS)
            facts = dict(
                schedules=schedules,
                employment_types=types,
                hours=rng.choice(("35", "37,5", "40", "40"))
                if not types & 2 or types & 1
                else rng.choice(("15", "20", "24", "28")),
                remote=remote,
                salary_min_cents=None if rng.random() < 0.12 else low,
                salary_max_cents=high,
                wage_subsidy_welcome=rng.random() < 0.35,
                transit_accessible=rng.random() < (0.6 if population > 20_000 else 0.1),
                criminal_record_openness=record,
            )
            words = rng.randint(150, 400)
            description, tasks, requirements = self.offer_text(
                vocab, title, employer, town, facts, words
            )
            published = self.now - timedelta(days=rng.uniform(0.01, 60))
            expires = self.today + timedelta(days=rng.randint(1, 90))
            row = dict(
                status=OfferStatus.PUBLISHED,
                employer_id=employer["id"],
                title=title[:150],
                noc_code=code,
                description=description,
                tasks=tasks,
                requirements=requirements,
                remote=remote,
                municipality_code=municipality,
                address=None if remote else f"{rng.randint(10, 4000)}, rue Principale",
                employment_types=types,
                schedules=schedules,
                hours_per_week=Decimal(facts["hours"].replace(",", ".")),
                salary_min_cents=facts["salary_min_cents"],
                salary_max_cents=facts["salary_max_cents"] if facts["salary_min_cents"] else None,
                salary_unit=SalaryUnit.HOUR if facts["salary_min_cents"] else None,
                positions=rng.choice((1, 1, 1, 2, 3)),
                apply_email=f"emplois{employer['id']}@entreprise.example",
                french_level_required=None if rng.random() < 0.6 else rng.randint(4, 9),
                criminal_record_openness=RecordOpenness(record) if record else None,
                wage_subsidy_welcome=facts["wage_subsidy_welcome"],
                transit_accessible=facts["transit_accessible"],
                expires_on=expires,
                submitted_at=published - timedelta(hours=rng.uniform(1, 48)),
                published_at=published,
                created_at=published - timedelta(hours=48),
                updated_at=published,
            )
            row["search_text"] = search_text_of(
                SimpleNamespace(
                    title=row["title"],
                    title_en=None,
                    description=description,
                    tasks=tasks,
                    requirements=requirements,
                    employer=SimpleNamespace(name=employer["name"]),
                )
            )
            assert row["search_text"] == fold(row["search_text"])
            rows.append(row)
        return rows

    def profiles(self, count: int, counsellor_id: int) -> list[dict]:
        """Participant, consents and matching profile of `count` people (dicts of rows)."""
        from orientheque_jobs.models import Program, ServiceGroup, TransportMode

        rng = self.rng
        people = []
        for _ in range(count):
            category = self.category(PROFILE_CATEGORY_WEIGHTS)
            vocab = VOCABULARY[category]
            code, title = self.title_of(category)
            wishes = [occupation_words(title, rng)]
            if rng.random() < 0.5:
                # A second wish: same unit group or same category.
                other = (
                    rng.choice(self.ref.titles[code])
                    if rng.random() < 0.5
                    else self.title_of(category)[1]
                )
                wish = occupation_words(other, rng)
                if wish not in wishes:
                    wishes.append(wish)
            codes = [code] if rng.random() < 0.35 else []
            if codes and rng.random() < 0.25:
                codes.append(self.title_of(category)[0])
            skills = rng.sample(vocab.skills, rng.randint(2, 4))
            skills += rng.sample(GENERIC_SKILLS, rng.randint(0, 2))
            town_code = self.town(self.ref.home_towns)
            town = self.ref.towns[town_code][0]
            experience = None
            diplomas = [s for s in vocab.schooling if s.startswith(DIPLOMAS)] or ["DEP"]
            if rng.random() < 0.6:
                experience = rng.choice(
                    (
                        f"{rng.randint(1, 25)} ans comme {wishes[0]} dans une entreprise de "
                        f"{town}.",
                        f"Stage de {rng.randint(3, 12)} semaines en {rng.choice(vocab.skills)}.",
                        f"Retour aux études ({rng.choice(diplomas)}); emplois d'été en "
                        f"{rng.choice(VOCABULARY[6].skills)}.",
                    )
                )
            transport = weighted(
                rng,
                ((TransportMode.CAR, 60), (TransportMode.TRANSIT, 22), (TransportMode.ACTIVE, 18)),
            )
            reach = {
                TransportMode.CAR: (None, None, 15, 25, 30, 40, 50, 60),
                TransportMode.TRANSIT: (None, 10, 15, 20, 25),
                TransportMode.ACTIVE: (None, 3, 5, 8),
            }[transport]
            record = rng.random() < 0.08
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(
                dict(
                    participant=dict(
                        first_name=first,
                        last_name=last,
                        municipality_code=town_code,
                        service_group=rng.choice(list(ServiceGroup)),
                        program=rng.choice(list(Program)),
                        counsellor_id=counsellor_id,
                        started_on=self.today - timedelta(days=rng.randint(0, 400)),
                    ),
                    sensitive=record,
                    profile=dict(
                        desired_noc_codes=" ".join(codes),
                        desired_occupations=", ".join(wishes),
                        skills=", ".join(skills),
                        experience=experience,
                        french_level=None if rng.random() < 0.6 else rng.randint(3, 12),
                        max_distance_km=rng.choice(reach),
                        transport_mode=transport,
                        availability=weighted(rng, PROFILE_AVAILABILITY),
                        employment_types=weighted(rng, PROFILE_TYPES),
                        wage_subsidy_eligible=rng.random() < 0.4,
                        criminal_record_considered=record,
                    ),
                )
            )
        return people


# --- database --------------------------------------------------------------------------------


def prepare(args) -> tuple[object, dict]:
    """Migrate, load the reference data, insert the offers and profiles; returns (app, info).

    Reads the environment set up by main() (OJ_INSTANCE_PATH, DATABASE_URL, SECRET_KEY).
    """
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, insert, select, text

    from orientheque_jobs import create_app
    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import (
        Consent,
        ConsentMethod,
        ConsentScope,
        Employer,
        MatchingProfile,
        Offer,
        Participant,
        Role,
        User,
        fold,
        utcnow,
    )
    from orientheque_jobs.services.clock import local_today

    app = create_app()
    info: dict = {}
    with app.app_context():
        info["schema_and_reference_s"] = fresh_schema(Offer, args.reset_database)

        started = time.perf_counter()
        today, now = local_today(), utcnow()
        generator = Generator(read_reference(db), args.seed, today, now)
        counsellor = User(
            email="conseil@bench.example",
            name="Conseillère Banc d'essai",
            role=Role.COUNSELLOR,
            password_hash="!",  # noqa: S106 (no login: the services only need the row)
        )
        db.session.add(counsellor)
        db.session.flush()
        info["counsellor_id"] = counsellor.id
        employers = generator.employers(max(20, args.offers // 6))
        rows = [
            dict(
                name=e["name"],
                municipality_code=e["municipality_code"],
                sector=e["sector"],
                folded_name=fold(e["name"]),
                folded_sector=fold(e["sector"]),
            )
            for e in employers
        ]
        ids = db.session.scalars(
            insert(Employer).returning(Employer.id, sort_by_parameter_order=True), rows
        ).all()
        for employer, employer_id in zip(employers, ids, strict=True):
            employer["id"] = employer_id
        offer_rows = generator.offers(employers, args.offers)
        people = generator.profiles(args.profiles, counsellor.id)
        info["generate_s"] = time.perf_counter() - started

        started = time.perf_counter()
        for chunk in range(0, len(offer_rows), 2000):
            db.session.execute(insert(Offer), offer_rows[chunk : chunk + 2000])
        participant_rows = [
            {
                **p["participant"],
                "folded_name": fold(
                    f"{p['participant']['first_name']} {p['participant']['last_name']}"
                ),
            }
            for p in people
        ]
        participant_ids = db.session.scalars(
            insert(Participant).returning(Participant.id, sort_by_parameter_order=True),
            participant_rows,
        ).all()
        consents, profiles = [], []
        for person, participant_id in zip(people, participant_ids, strict=True):
            scopes = [ConsentScope.SERVICES, ConsentScope.MATCHING]
            if person["sensitive"]:
                scopes.append(ConsentScope.SENSITIVE)
            consents += [
                dict(
                    participant_id=participant_id,
                    scope=scope,
                    given=True,
                    method=ConsentMethod.WRITTEN,
                    notice_version="2026-1",
                    recorded_by_id=counsellor.id,
                )
                for scope in scopes
            ]
            profiles.append({**person["profile"], "participant_id": participant_id})
        db.session.execute(insert(Consent), consents)
        db.session.execute(insert(MatchingProfile), profiles)
        db.session.commit()
        info["insert_s"] = time.perf_counter() - started
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))

        words = [
            len(" ".join((r["description"], r["tasks"], r["requirements"])).split())
            for r in offer_rows
        ]
        info.update(
            database=db.engine.url.render_as_string(hide_password=True),
            dialect=db.engine.dialect.name,
            employers=len(employers),
            visible_offers=db.session.scalar(
                select(func.count()).select_from(Offer).where(Offer.visible_clause(today))
            ),
            profiles=len(profiles),
            words=(min(words), statistics.mean(words), max(words)),
            remote_share=sum(r["remote"] for r in offer_rows) / len(offer_rows),
            home_share=sum(
                generator.ref.towns[r["municipality_code"]][1] == HOME_MRC for r in offer_rows
            )
            / len(offer_rows),
            categories=len({r["noc_code"][0] for r in offer_rows}),
            unit_groups=len({r["noc_code"] for r in offer_rows}),
        )
        info["titles"] = generator.ref.titles
        db.session.remove()
    return app, info


# --- indexes ---------------------------------------------------------------------------------

NAIVE_STORED = (
    "municipality",
    "remote",
    "schedules",
    "employment_types",
    "french_level",
    "record",
    "subsidy",
    "transit",
    "noc",
)


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def segment_count(index) -> int:
    with index.whoosh().reader() as reader:
        return len(list(reader.leaf_readers()))


def printer(label: str):
    """A progress callback that prints every ~10 %."""
    state = {"next": 0.0, "started": time.perf_counter()}

    def progress(done: int, total: int) -> None:
        if total and (done / total >= state["next"] or done == total):
            rate = done / max(1e-9, time.perf_counter() - state["started"])
            print(f"    {label}: {done:>6}/{total} ({rate:,.0f} docs/s)", flush=True)
            state["next"] = done / total + 0.1

    return progress


def build_indexes(app, work: Path) -> dict:
    """Rebuild both indexes, then a naive raw Whoosh index of the same offer documents."""
    from sqlalchemy.orm import Session
    from whoosh import fields
    from whoosh import index as whoosh_index

    from orientheque_jobs.extensions import db
    from orientheque_jobs.search import OfferIndex, french_analyzer
    from orientheque_jobs.search.index import BATCH, ParticipantIndex
    from orientheque_jobs.services.clock import local_today

    figures: dict = {}
    with app.app_context():
        offers = OfferIndex.open(app)
        print("  OfferIndex.rebuild()", flush=True)
        started = time.perf_counter()
        result = offers.rebuild(printer("offers"))
        seconds = time.perf_counter() - started
        if not result.rebuilt:
            raise RuntimeError(f"the offer index was not rebuilt: {result}")
        figures["offers"] = dict(
            docs=result.applied,
            seconds=seconds,
            mb=folder_mb(offers.directory),
            segments=segment_count(offers),
        )
        participants = ParticipantIndex.open(app)
        started = time.perf_counter()
        result = participants.rebuild()
        figures["participants"] = dict(
            docs=result.applied,
            seconds=time.perf_counter() - started,
            mb=folder_mb(participants.directory),
        )

        # The same documents again, without Whoosh: what the database and offer_document cost.
        started = time.perf_counter()
        documents = []
        with Session(db.engine) as session:
            today = local_today()
            ids = offers.visible_ids(session, today)
            for start in range(0, len(ids), BATCH):
                batch = offers.documents(session, ids[start : start + BATCH], today)
                documents += [batch[i] for i in sorted(batch)]
                session.expunge_all()
        figures["documents_s"] = time.perf_counter() - started

    fr = french_analyzer()
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=fr),
        description=fields.TEXT(analyzer=fr),
        **{name: fields.STORED() for name in NAIVE_STORED},
    )
    directory = work / "naive-index"
    directory.mkdir()
    print("  naive index (title + description, same documents)", flush=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(directory), schema)
    writer = ix.writer()
    for doc in documents:
        writer.add_document(**{k: v for k, v in doc.items() if k in schema.names()})
    writer.commit()
    figures["naive"] = dict(
        docs=len(documents),
        seconds=time.perf_counter() - started,
        mb=folder_mb(directory),
        directory=directory,
    )
    return figures


# --- latency ---------------------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    ms: list[float] = field(default_factory=list)
    results: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)

    def pct(self, p: float) -> float:
        ordered = sorted(self.ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0

    def row(self) -> dict:
        return dict(
            label=self.label,
            calls=len(self.ms),
            p50=self.pct(50),
            p95=self.pct(95),
            p99=self.pct(99),
            max=max(self.ms, default=0.0),
            mean=statistics.mean(self.ms) if self.ms else 0.0,
            results=statistics.mean(self.results) if self.results else 0.0,
            refused=statistics.mean(self.refused) if self.refused else None,
        )


def timed(label: str, inputs: list, call, warmup: int = WARMUP) -> Timing:
    """Warm up on the first inputs, then time `call(item)` once per input.

    `call` returns (results shown, documents refused by the constraints or None).
    """
    started = time.perf_counter()
    for item in inputs[:warmup]:
        call(item)
    eta = (time.perf_counter() - started) / max(1, min(warmup, len(inputs))) * len(inputs)
    print(f"  {label}: {len(inputs)} calls, about {eta / 60:.1f} min…", flush=True)
    timing = Timing(label)
    for item in inputs:
        started = time.perf_counter()
        shown, refused = call(item)
        timing.ms.append((time.perf_counter() - started) * 1000)
        timing.results.append(shown)
        if refused is not None:
            timing.refused.append(refused)
    print(
        f"  {label}: p50 {timing.pct(50):.1f} ms, p95 {timing.pct(95):.1f} ms "
        f"({len(inputs)} calls)",
        flush=True,
    )
    return timing


def profiled(label: str, inputs: list, call, top: int = 18) -> str:
    """cProfile of one more pass of `call` over `inputs`: the top functions by own time."""
    profile = cProfile.Profile()
    profile.enable()
    for item in inputs:
        call(item)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    text = re.sub(r"^.*?(?=\s+ncalls)", "", out.getvalue(), count=1, flags=re.S)
    return f"\n=== cProfile: {label} ({len(inputs)} calls) ===\n{text.strip()}\n"


@dataclass
class Profile:
    id: int
    facts: object  # SeekerFacts
    occupations: str | None
    codes: list[str]
    skills: str
    board_text: str


def load_profiles(app, seed: int) -> list[Profile]:
    from sqlalchemy import select
    from sqlalchemy.orm import joinedload

    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import MatchingProfile
    from orientheque_jobs.services.matching import seeker_facts

    rng = random.Random(seed + 1)
    found = []
    with app.app_context():
        for profile in db.session.scalars(
            select(MatchingProfile)
            .options(joinedload(MatchingProfile.participant))
            .order_by(MatchingProfile.participant_id)
        ):
            words = [
                w
                for w in re.findall(r"[\w'-]+", profile.desired_occupations or "")
                if w.lower() not in FUNCTION_WORDS
            ]
            found.append(
                Profile(
                    id=profile.participant_id,
                    facts=seeker_facts(profile.participant, profile),
                    occupations=profile.desired_occupations,
                    codes=profile.noc_codes,
                    skills=" ".join(p for p in (profile.skills, profile.experience) if p),
                    board_text=" ".join(words[: rng.randint(1, 3)]),
                )
            )
        db.session.remove()
    return found


def measure_latency(app, args, info: dict, figures: dict) -> tuple[list[Timing], dict, list[str]]:
    from sqlalchemy import select
    from werkzeug.datastructures import MultiDict
    from whoosh import index as whoosh_index
    from whoosh.query import Or, Term

    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Offer, Participant, User
    from orientheque_jobs.search import OfferIndex
    from orientheque_jobs.search.board import search_board
    from orientheque_jobs.search.index import ParticipantIndex
    from orientheque_jobs.search.matching import (
        JobFacts,
        exclusion,
        offers_for_seeker,
        seekers_for_job,
    )
    from orientheque_jobs.search.occupations import tokens, widening
    from orientheque_jobs.search.readers import searcher
    from orientheque_jobs.services import board as board_service
    from orientheque_jobs.services.clock import local_today
    from orientheque_jobs.services.geo import geo
    from orientheque_jobs.services.matching import (
        job_facts,
        offers_for_participant,
        participants_for_offer,
    )

    profiles = load_profiles(app, args.seed)[: args.queries]
    timings: list[Timing] = []
    once: dict = {}
    with app.app_context():
        once["occupation_terms"] = statistics.mean(len(tokens(p.occupations)) for p in profiles)
        once["skill_terms"] = statistics.mean(len(tokens(p.skills)) for p in profiles)
        once["naive_terms"] = statistics.mean(
            len(set(tokens(p.occupations) + tokens(p.skills))) for p in profiles
        )
    reports: list[str] = []
    user_id = info["counsellor_id"]
    ctx = app.app_context()
    ctx.push()
    try:
        started = time.perf_counter()
        widening()
        once["widening_ms"] = (time.perf_counter() - started) * 1000
        places = geo()
        offer_searcher = searcher(OfferIndex.open(app))

        def seeker(p: Profile):
            result = offers_for_seeker(
                offer_searcher, p.facts, places, p.occupations, p.codes, p.skills, LIMIT
            )
            return len(result.matches), result.excluded_total

        started = time.perf_counter()
        seeker(profiles[0])
        once["offer_facts_ms"] = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        for _ in range(200):
            searcher(OfferIndex.open(app))
        once["searcher_check_ms"] = (time.perf_counter() - started) * 1000 / 200
        timings.append(timed("(a) offers_for_seeker (search layer)", profiles, seeker))
        if args.cprofile:
            reports.append(profiled("(a) offers_for_seeker", profiles, seeker))

        def service(p: Profile):
            with app.app_context():
                person = db.session.get(Participant, p.id)
                user = db.session.get(User, user_id)
                suggestions = offers_for_participant(person, user, LIMIT)
                db.session.remove()
            return len(suggestions.items), suggestions.excluded_total

        timings.append(timed("(b) offers_for_participant (full path)", profiles, service))
        if args.cprofile:
            reports.append(profiled("(b) offers_for_participant", profiles, service))

        def board(p: Profile):
            hits = search_board(offer_searcher, p.board_text, 1, LIMIT)
            return len(hits.ids), None

        def board_full(p: Profile):
            with app.app_context():
                page = board_service.search(
                    board_service.BoardCriteria.from_args(MultiDict({"q": p.board_text}))
                )
                db.session.remove()
            return len(page.items), None

        timings.append(timed("(c) search_board (search layer)", profiles, board))
        timings.append(timed("(c) services.board.search (full)", profiles, board_full))
        if args.cprofile:
            reports.append(profiled("(c) services.board.search", profiles, board_full))

        naive_ix = whoosh_index.open_dir(str(figures["naive"]["directory"]))
        naive_searcher = naive_ix.searcher()

        def naive(p: Profile):
            terms = list(dict.fromkeys(tokens(p.occupations) + tokens(p.skills)))
            query = Or([Term(name, t) for t in terms for name in ("title", "description")])
            kept, hits = [], naive_searcher.search(query, limit=None)
            for hit in hits:
                job = JobFacts.from_stored(hit.fields())
                km = places.distance_km(p.facts.municipality, job.municipality)
                if exclusion(p.facts, job, km) is None:
                    kept.append(job.id)
            return len(kept[:LIMIT]), len(hits) - len(kept)

        timings.append(timed("(d) naive: OR of all words, filters after", profiles, naive))
        if args.cprofile:
            reports.append(profiled("(d) naive", profiles[:500], naive))
        naive_searcher.close()

        rng = random.Random(args.seed + 2)
        today = local_today()
        ids = db.session.scalars(
            select(Offer.id).where(Offer.visible_clause(today)).order_by(Offer.id)
        ).all()
        chosen = sorted(rng.sample(ids, min(len(ids), args.job_queries)))
        jobs = [
            (o.id, job_facts(o), o.title, "\n".join(x for x in (o.requirements, o.tasks) if x))
            for o in db.session.scalars(select(Offer).where(Offer.id.in_(chosen)))
        ]
        db.session.remove()
        people_searcher = searcher(ParticipantIndex.open(app))

        def for_job(item):
            _id, job, title, text = item
            result = seekers_for_job(people_searcher, job, places, title, text, LIMIT)
            return len(result.matches), result.excluded_total

        started = time.perf_counter()
        for_job(jobs[0])
        once["participant_facts_ms"] = (time.perf_counter() - started) * 1000
        timings.append(timed(f"(e) seekers_for_job ({len(jobs)} offers)", jobs, for_job))

        def for_job_full(item):
            with app.app_context():
                offer = db.session.get(Offer, item[0])
                user = db.session.get(User, user_id)
                suggestions = participants_for_offer(offer, user, LIMIT)
                db.session.remove()
            return len(suggestions.items), suggestions.excluded_total

        timings.append(timed("(e) participants_for_offer (full)", jobs, for_job_full))
    finally:
        ctx.pop()
    return timings, once, reports


# --- incremental sync ------------------------------------------------------------------------


def measure_sync(app, args, info: dict) -> tuple[dict, list[str]]:
    """Change offers through the ORM, commit, and time `OfferIndex.apply_changes()`."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import joinedload

    from orientheque_jobs.extensions import db
    from orientheque_jobs.models import Offer, OfferStatus, utcnow
    from orientheque_jobs.search import OfferIndex
    from orientheque_jobs.services.clock import local_today
    from orientheque_jobs.services.offers import search_text_of

    rng = random.Random(args.seed + 3)
    titles = info["titles"]
    index = OfferIndex.open(app)
    rounds, reports = [], []
    kinds = Counter()
    for round_number in range(args.sync_rounds):
        with app.app_context():
            today = local_today()
            ids = db.session.scalars(
                select(Offer.id).where(Offer.visible_clause(today)).order_by(Offer.id)
            ).all()
            chosen = sorted(rng.sample(ids, min(len(ids), args.sync_changes)))
            offers = db.session.scalars(
                select(Offer).where(Offer.id.in_(chosen)).options(joinedload(Offer.employer))
            ).all()
            for i, offer in enumerate(sorted(offers, key=lambda o: o.id)):
                share = i % 10
                if share < 7:  # 70 %: the title is edited (another example title of its group)
                    kind = "title edits"
                    title = rng.choice(titles[offer.noc_code]) + rng.choice(
                        ("", " – temps plein", " – quart de soir", " (remplacement)")
                    )
                    # Always a real change: an unchanged title queues nothing in the outbox.
                    offer.title = title if title != offer.title else f"{title} – révisé"
                    offer.search_text = search_text_of(offer)
                elif share < 9:  # 20 %: filled
                    kind = "filled"
                    offer.status, offer.closed_at = OfferStatus.FILLED, utcnow()
                else:  # 10 %: withdrawn
                    kind = "withdrawn"
                    offer.status, offer.closed_at = OfferStatus.WITHDRAWN, utcnow()
                if round_number == 0:
                    kinds[kind] += 1
            started = time.perf_counter()
            db.session.commit()
            commit_s = time.perf_counter() - started
            db.session.remove()

            def apply():
                return index.apply_changes()

            if args.cprofile and round_number == 0:
                profile = cProfile.Profile()
                started = time.perf_counter()
                result = profile.runcall(apply)
                seconds = time.perf_counter() - started
                out = io.StringIO()
                stats = pstats.Stats(profile, stream=out)
                stats.sort_stats("cumulative").print_stats(22)
                stats.sort_stats("tottime").print_stats(12)
                text = re.sub(r"^.*?(?=\s+ncalls)", "", out.getvalue(), count=1, flags=re.S)
                reports.append(
                    f"\n=== cProfile: apply_changes, {len(offers)} changes (round 1, "
                    f"{seconds:.2f} s under the profiler) ===\n{text.strip()}\n"
                )
            else:
                started = time.perf_counter()
                result = apply()
                seconds = time.perf_counter() - started
            if result.busy or result.rebuilt or result.applied != len(offers):
                raise RuntimeError(f"unexpected sync result: {result}")
            db.session.remove()
        rounds.append(dict(seconds=seconds, commit_s=commit_s, applied=result.applied))
        print(
            f"  round {round_number + 1}: {result.applied} changes applied in {seconds:.2f} s "
            f"(their commit: {commit_s * 1000:.0f} ms)",
            flush=True,
        )
    idle = []
    with app.app_context():
        for _ in range(5):
            started = time.perf_counter()
            result = index.apply_changes()
            idle.append((time.perf_counter() - started) * 1000)
            if result.applied:
                raise RuntimeError(f"an idle sync applied changes: {result}")
        visible = db.session.scalar(
            select(func.count()).select_from(Offer).where(Offer.visible_clause(local_today()))
        )
        with index.whoosh().searcher() as s:
            documents = s.doc_count()
        segments = segment_count(index)
        db.session.remove()
    profiled_round = 0 if args.cprofile else None
    measured = [r["seconds"] for i, r in enumerate(rounds) if i != profiled_round] or [
        r["seconds"] for r in rounds
    ]
    return (
        dict(
            rounds=rounds,
            median_s=statistics.median(measured),
            kinds=dict(kinds),
            idle_ms=statistics.median(idle),
            documents=documents,
            visible=visible,
            segments=segments,
            mb=folder_mb(index.directory),
            profiled_round=profiled_round,
        ),
        reports,
    )


# --- report ----------------------------------------------------------------------------------


def print_report(args, info: dict, figures: dict, timings, once: dict, sync: dict, total_s):
    print(
        f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; database {info['dialect']} ({info['database']}); "
        f"load average {info['load_start']:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        f"(other processes share these CPUs)"
    )
    print(f"Code measured: {info['code']}")
    if code_fingerprint() != info["code"]:
        print("  NOTE: these modules changed on disk during the run; the figures are for the above")
    low, mean, high = info["words"]
    print(
        f"Data: {info['visible_offers']:,} visible offers of {info['employers']:,} employers "
        f"({info['unit_groups']} CNP unit groups, {info['categories']} broad categories), "
        f"{low}-{high} words of text each (mean {mean:.0f}), {info['remote_share']:.1%} remote, "
        f"{info['home_share']:.0%} in MRC {HOME_MRC}; {info['profiles']:,} matchable profiles."
    )
    print(
        f"Prepared in {info['schema_and_reference_s'] + info['generate_s'] + info['insert_s']:.1f}"
        f" s (schema + reference {info['schema_and_reference_s']:.1f} s, generate "
        f"{info['generate_s']:.1f} s, insert {info['insert_s']:.1f} s)."
    )

    print("\nIndex build")
    o, p, n = figures["offers"], figures["participants"], figures["naive"]
    print(
        f"  offers        OfferIndex.rebuild        {o['docs']:>7,} docs {o['seconds']:7.1f} s "
        f"{o['docs'] / o['seconds']:7.0f} docs/s  {o['mb']:7.1f} MB on disk"
    )
    print(
        f"    of which reading the database and building the documents: "
        f"~{figures['documents_s']:.1f} s (measured apart, same batches)"
    )
    print(
        f"  participants  ParticipantIndex.rebuild  {p['docs']:>7,} docs {p['seconds']:7.1f} s "
        f"{p['docs'] / p['seconds']:7.0f} docs/s  {p['mb']:7.1f} MB"
    )
    print(
        f"  naive         title + description only  {n['docs']:>7,} docs {n['seconds']:7.1f} s "
        f"{n['docs'] / n['seconds']:7.0f} docs/s  {n['mb']:7.1f} MB (documents from memory)"
    )
    print(
        f"\nOne-time costs: CNP widening table {once['widening_ms']:.0f} ms (per process); "
        f"offer facts cache {once['offer_facts_ms']:.0f} ms and participant facts cache "
        f"{once['participant_facts_ms']:.0f} ms (first query after each index commit, first "
        f"call included); readers.searcher() freshness check {once['searcher_check_ms']:.2f} ms "
        f"per call."
    )

    print(
        f"\nProfiles' words after analysis (mean): {once['occupation_terms']:.1f} from desired "
        f"occupations, {once['skill_terms']:.1f} from skills and experience; the naive query ORs "
        f"{once['naive_terms']:.1f} distinct terms over title and description."
    )
    print(
        f"\nLatency in ms, one call per profile (per offer for (e)), after {WARMUP} warm-up "
        f"calls; results = items returned (mean), refused = documents the constraints refused"
    )
    print(
        f"{'measure':<46} {'calls':>6} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} "
        f"{'mean':>7} {'results':>8} {'refused':>8}"
    )
    for t in timings:
        r = t.row()
        refused = f"{r['refused']:8.0f}" if r["refused"] is not None else f"{'—':>8}"
        print(
            f"{r['label']:<46} {r['calls']:>6} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} "
            f"{r['max']:7.1f} {r['mean']:7.1f} {r['results']:8.1f} {refused}"
        )

    print(
        f"\nIncremental sync: {args.sync_changes} offers changed per round through the ORM "
        f"({', '.join(f'{v} {k}' for k, v in sync['kinds'].items())}), then "
        f"OfferIndex.apply_changes()"
    )
    rounds = ", ".join(
        f"{r['seconds']:.2f}" + (" (profiled)" if i == sync["profiled_round"] else "")
        for i, r in enumerate(sync["rounds"])
    )
    print(
        f"  median {sync['median_s']:.2f} s over the rounds [{rounds}] s; "
        f"idle sync (nothing queued) {sync['idle_ms']:.0f} ms"
    )
    check = "OK" if sync["documents"] == sync["visible"] else "MISMATCH"
    print(
        f"  after the rounds: {sync['documents']:,} documents for {sync['visible']:,} visible "
        f"offers ({check}), {sync['segments']} segment(s), {sync['mb']:.1f} MB"
    )

    by_label = {t.label[:3]: t for t in timings}
    naive_p95 = by_label["(d)"].pct(95)
    print(f"\nGoals at 10,000 offers ({info['visible_offers']:,} here):")
    for key, label in (("(a)", "search layer"), ("(b)", "full path")):
        p95 = by_label[key].pct(95)
        verdict = "MET" if p95 <= MATCH_GOAL_MS else "NOT MET"
        print(
            f"  matching p95, {label} {key}: {p95:.1f} ms (goal <= {MATCH_GOAL_MS:.0f} ms: "
            f"{verdict}); naive p95 {naive_p95:.1f} ms, {naive_p95 / max(p95, 1e-9):.1f}x"
        )
    verdict = "MET" if sync["median_s"] <= SYNC_GOAL_S else "NOT MET"
    print(
        f"  sync of {args.sync_changes} changes: {sync['median_s']:.2f} s "
        f"(goal <= {SYNC_GOAL_S:.0f} s: {verdict})"
    )
    print(f"Total runtime: {total_s:.0f} s")


MEASURED_CODE = (
    "orientheque_jobs/search/analysis.py",
    "orientheque_jobs/search/board.py",
    "orientheque_jobs/search/index.py",
    "orientheque_jobs/search/matching.py",
    "orientheque_jobs/search/occupations.py",
    "orientheque_jobs/search/readers.py",
    "orientheque_jobs/search/schema.py",
    "orientheque_jobs/services/board.py",
    "orientheque_jobs/services/matching.py",
)


def code_fingerprint() -> str:
    """Which version of the code was measured: a hash of the modules loaded, and the newest
    modification time among them (the tree may hold uncommitted work)."""
    digest = hashlib.sha256()
    newest = 0.0
    for name in MEASURED_CODE:
        path = ROOT / name
        digest.update(path.read_bytes())
        newest = max(newest, path.stat().st_mtime)
    when = datetime.fromtimestamp(newest).strftime("%Y-%m-%d %H:%M:%S")
    return f"sha256 {digest.hexdigest()[:12]} of search/ and services/ modules, newest {when}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--offers", type=int, default=10_000, help="visible offers to insert (default 10000)"
    )
    parser.add_argument(
        "--profiles", type=int, default=2000, help="participant profiles (default 2000)"
    )
    parser.add_argument(
        "--queries",
        type=int,
        help="profiles used per latency measure (default: all of --profiles)",
    )
    parser.add_argument(
        "--job-queries",
        type=int,
        default=500,
        help="offers used for offer -> participants (default 500)",
    )
    parser.add_argument(
        "--sync-changes", type=int, default=100, help="offers changed per sync round (100)"
    )
    parser.add_argument("--sync-rounds", type=int, default=3, help="sync rounds (median; 3)")
    parser.add_argument(
        "--database-url",
        help="benchmark this database instead of a temporary SQLite file; it must be empty "
        "unless --reset-database",
    )
    parser.add_argument(
        "--reset-database", action="store_true", help="drop every table of --database-url first"
    )
    parser.add_argument(
        "--cprofile",
        action="store_true",
        help="also profile (a), (b), (c) full, (d) and one sync round, and print the top functions",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR (new or empty: database, indexes) and keep it",
    )
    args = parser.parse_args(argv)
    counts = (args.offers, args.profiles, args.job_queries, args.sync_changes, args.sync_rounds)
    if min(counts) < 1 or (args.queries is not None and args.queries < 1):
        parser.error("--offers, --profiles, --queries, --job-queries, --sync-* must be positive")
    if args.sync_changes > args.offers // 4:
        parser.error("--sync-changes must stay under a quarter of --offers")
    if args.reset_database and not args.database_url:
        parser.error("--reset-database only applies to --database-url")
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the directory is not empty")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    begun = time.perf_counter()
    load_start = os.getloadavg()[0]
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = args.keep.resolve()
    else:
        work = Path(tempfile.mkdtemp(prefix="oj-bench-search-"))
    instance = work / "instance"
    os.environ.update(
        OJ_INSTANCE_PATH=str(instance),
        OJ_ENV="development",
        SECRET_KEY=secrets.token_hex(16),
        # The benchmark applies the outbox itself; no background writer.
        OJ_SEARCH_AUTOSYNC="false",
    )
    os.environ.pop("OJ_INDEX_DIR", None)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    try:
        print(
            f"Preparing the database: {args.offers:,} offers, {args.profiles:,} profiles…",
            flush=True,
        )
        app, info = prepare(args)
        info["load_start"] = load_start
        info["code"] = code_fingerprint()  # the modules are imported by now
        print(f"  code measured: {info['code']}", flush=True)
        print(
            f"  {info['database']}: {info['visible_offers']:,} visible offers, "
            f"{info['profiles']:,} profiles (generate {info['generate_s']:.1f} s, insert "
            f"{info['insert_s']:.1f} s)",
            flush=True,
        )
        print("Building the indexes…", flush=True)
        figures = build_indexes(app, work)
        print("Measuring latencies…", flush=True)
        timings, once, reports = measure_latency(app, args, info, figures)
        print("Measuring the incremental sync…", flush=True)
        sync, sync_reports = measure_sync(app, args, info)
        print_report(args, info, figures, timings, once, sync, time.perf_counter() - begun)
        for report in reports + sync_reports:
            print(report)
        if args.json:
            figures["naive"].pop("directory", None)
            args.json.write_text(
                json.dumps(
                    {
                        "offers": info["visible_offers"],
                        "profiles": info["profiles"],
                        "database": info["dialect"],
                        "code": info["code"],
                        "cpus": os.cpu_count(),
                        "build": figures,
                        "one_time_ms": once,
                        "latency_ms": [t.row() for t in timings],
                        "sync": sync,
                    },
                    indent=2,
                    default=str,
                )
            )
        return 0
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    finally:
        clean_up(work, args.keep)


if __name__ == "__main__":
    sys.exit(main())
