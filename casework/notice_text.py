"""The first version of the ministry's notice of collection (S3, Q10), as data: the
migration 0001 stores it as NoticeVersion 1. A new version is a new row, never an edit."""

from typing import Any

NOTICE_V1: dict[str, Any] = {
    "version": 1,
    "effective_from": "2026-04-01",
    "purpose_en": (
        "Your personal information is collected to register you in the Summer Jobs Service, "
        "to plan and deliver the services you receive (job search help and a summer placement "
        "with an employer), to avoid registering you twice, and to evaluate, monitor and report "
        "on the program. Only the information needed for these purposes is collected."
    ),
    "purpose_fr": (
        "Vos renseignements personnels sont recueillis pour vous inscrire au Service d'emplois "
        "d'été, pour planifier et fournir les services que vous recevez (aide à la recherche "
        "d'emploi et placement d'été chez un employeur), pour éviter de vous inscrire deux fois, "
        "et pour évaluer et surveiller le programme et en rendre compte. Seuls les renseignements "
        "nécessaires à ces fins sont recueillis."
    ),
    "parties_en": (
        "Your service provider collects the information on behalf of the ministry. The ministry "
        "and other Employment Ontario service providers may receive it only to deliver or avoid "
        "duplicating services to you. The ministry may also collect information about your "
        "placement from your employer and from other service providers that served you."
    ),
    "parties_fr": (
        "Votre fournisseur de services recueille ces renseignements au nom du ministère. Le "
        "ministère et les autres fournisseurs de services d'Emploi Ontario peuvent les recevoir "
        "uniquement pour vous fournir des services ou éviter de les dédoubler. Le ministère peut "
        "aussi recueillir des renseignements sur votre placement auprès de votre employeur et des "
        "autres fournisseurs de services qui vous ont servi."
    ),
    "authority_en": (
        "The information is collected under the authority of the Ministry of Training, Colleges "
        "and Universities Act, R.S.O. 1990, c. M.19, and in accordance with the Freedom of "
        "Information and Protection of Privacy Act, R.S.O. 1990, c. F.31."
    ),
    "authority_fr": (
        "Ces renseignements sont recueillis en vertu de la Loi sur le ministère de la Formation "
        "et des Collèges et Universités, L.R.O. 1990, chap. M.19, et conformément à la Loi sur "
        "l'accès à l'information et la protection de la vie privée, L.R.O. 1990, chap. F.31."
    ),
    "contact_en": (
        "If you have questions about the collection, use or disclosure of your information, ask "
        "your service provider first, or contact the Freedom of Information and Privacy "
        "Coordinator of the ministry, 900 Bay Street, Toronto ON M7A 1L2, 416-325-2929."
    ),
    "contact_fr": (
        "Pour toute question sur la collecte, l'utilisation ou la divulgation de vos "
        "renseignements, adressez-vous d'abord à votre fournisseur de services, ou au "
        "coordonnateur de l'accès à l'information et de la protection de la vie privée du "
        "ministère, 900, rue Bay, Toronto (Ontario) M7A 1L2, 416 325-2929."
    ),
}
