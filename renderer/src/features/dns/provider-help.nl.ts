import { providerHelpEn } from './provider-help.en';

/** Dutch texts: what to do at the VPS provider (see provider-help.en.ts). */
export const providerHelpNl: typeof providerHelpEn = {
  providerHelp: {
    hetzner: {
      ptrSteps: [
        'Open de Hetzner Console en kies je server.',
        'Ga naar het tabblad Networking van de server.',
        'Wijzig de reverse DNS van {{ipv4}} in mx.{{domain}}.',
        'Hetzner geeft elke server een heel IPv6-blok: voeg een reverse-DNS-regel toe voor precies het adres {{ipv6}} met mx.{{domain}}.',
        'Een dedicated server beheer je in Robot: open de server, daarna de IP-adressen, en wijzig daar de reverse DNS.',
      ],
      port25Steps: [
        'Hetzner blokkeert uitgaande poorten 25 en 465 op nieuwe cloudservers. Mail ontvangen is niet geblokkeerd.',
        'Zodra je eerste factuur betaald is, kun je vragen om de blokkade op te heffen: dien in de Hetzner Console een supportverzoek in met het bericht hieronder.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie uitgaande poorten 25 en 465 voor deze cloudserver openzetten, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    digitalocean: {
      ptrSteps: [
        'DigitalOcean haalt de reverse DNS uit de naam van de Droplet: er is geen apart veld.',
        'Open de Droplet in het controlepaneel en geef hem de naam mx.{{domain}}.',
        'De reverse DNS van {{ipv4}} en {{ipv6}} volgt de nieuwe naam; dat kan even duren.',
      ],
      port25Steps: [
        'DigitalOcean blokkeert uitgaande SMTP (poort 25) op Droplets, vooral bij nieuwere accounts, en heft dat zelden op.',
        'Je kunt het vragen met een supportticket met het bericht hieronder; ze beslissen per geval en raden soms een maildienst aan.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie de SMTP-beperking (poort 25) voor deze Droplet opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    vultr: {
      ptrSteps: [
        'Open de server in het klantenportaal van Vultr en ga naar Settings.',
        'Zet onder IPv4 de reverse DNS van {{ipv4}} op mx.{{domain}}.',
        'Voeg onder IPv6 een reverse-DNS-regel toe voor {{ipv6}} met mx.{{domain}}.',
      ],
      port25Steps: [
        'Vultr blokkeert SMTP bij nieuwe accounts.',
        'Open een supportticket met het bericht hieronder om de SMTP-beperking op te heffen; Vultr beoordeelt elk verzoek en kan nieuwe accounts weigeren.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie de SMTP-beperking (poort 25) op mijn account voor deze server opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    linode: {
      ptrSteps: [
        'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}: Linode accepteert alleen een reverse naam die terugwijst naar het adres.',
        'Open de Linode in Cloud Manager en ga naar het tabblad Network.',
        'Open naast {{ipv4}} het menu en kies Edit RDNS; vul mx.{{domain}} in.',
        'Doe hetzelfde voor {{ipv6}}.',
      ],
      port25Steps: [
        'Linode (Akamai) beperkt de SMTP-poorten (25, 465 en 587) bij nieuwe accounts.',
        'Stel eerst de reverse DNS in en open daarna een supportticket met het bericht hieronder om de beperking op te heffen.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie de SMTP-poortbeperkingen voor deze Linode opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    ovh: {
      ptrSteps: [
        'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}: OVHcloud controleert of de naam terugwijst naar het adres.',
        'Open in het OVHcloud Control Panel de lijst met je publieke IP-adressen (bij Network).',
        'Klik op de knop "..." naast {{ipv4}}, kies de reverse DNS wijzigen en vul mx.{{domain}} in.',
        'Doe hetzelfde voor {{ipv6}}.',
      ],
      port25Steps: [
        'OVHcloud blokkeert poort 25 normaal niet.',
        'Een adres kan wel geblokkeerd worden door hun antispambeveiliging als er spam vandaan kwam; de IP-pagina in het Control Panel laat dan de blokkade zien en hoe je die opheft. Neem anders contact op met support met het bericht hieronder.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nKunnen jullie nagaan of poort 25 voor deze server geblokkeerd is, en zo ja de blokkade opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    scaleway: {
      ptrSteps: [
        'Publiceer eerst het A-record (en AAAA-record) van mx.{{domain}}.',
        'Open de Instance in de Scaleway-console en zoek het flexibele IP-adres {{ipv4}}.',
        'Wijzig de reverse DNS van het adres in mx.{{domain}}; doe hetzelfde voor {{ipv6}}.',
      ],
      port25Steps: [
        'Scaleway blokkeert standaard de uitgaande SMTP-poorten (25, 465 en 587) op Instances.',
        'Als je identiteit in je account geverifieerd is, kun je ze zelf openen: ga in de console naar de security groups van Instances en zet SMTP aan voor de security group van deze server. Een ticket is dan niet nodig.',
        'Staat die optie er niet, neem dan contact op met support met het bericht hieronder.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie uitgaande SMTP (poort 25) voor deze Instance toestaan, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    contabo: {
      ptrSteps: [
        'Open in het Contabo Customer Control Panel de pagina voor reverse-DNS-beheer.',
        'Zoek {{ipv4}} en zet de reverse DNS op mx.{{domain}}.',
        'Doe hetzelfde voor {{ipv6}}.',
      ],
      port25Steps: [
        'Contabo blokkeert poort 25 normaal niet.',
        'Komt mail er toch niet uit, neem dan contact op met support met het bericht hieronder.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nKunnen jullie nagaan of poort 25 voor deze server geblokkeerd is, en zo ja de blokkade opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    aws: {
      ptrSteps: [
        'Geef de server een Elastic IP-adres: de reverse DNS van de automatische publieke adressen van EC2 kun je niet wijzigen.',
        'Publiceer eerst het A-record van mx.{{domain}} naar het Elastic IP {{ipv4}}: AWS controleert dat.',
        'Open in de EC2-console Elastic IPs, selecteer {{ipv4}} en kies Actions en dan Update reverse DNS; vul mx.{{domain}} in.',
        'Voor IPv6, of voor Lightsail, vraag het aan AWS Support (het formulier hieronder heeft ook een veld voor reverse DNS).',
      ],
      port25Steps: [
        'AWS beperkt uitgaande poort 25 standaard op EC2 en Lightsail.',
        'Vraag om opheffing met het formulier van AWS Support voor het verwijderen van e-mailverzendlimieten (zoek op "email sending limitations" bij AWS Support). Het vraagt naar je gebruik; het bericht hieronder beantwoordt dat.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie de beperking op het versturen van e-mail (poort 25) voor deze instance opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
    general: {
      ptrSteps: [
        'Reverse DNS stel je in waar je de server huurt, niet bij je domeinregistrar.',
        'Zoek in het controlepaneel van je provider naar "reverse DNS", "rDNS" of "PTR", meestal bij het netwerk of de IP-adressen van de server.',
        'Zet de reverse DNS van {{ipv4}} op mx.{{domain}}, en die van {{ipv6}} ook.',
        'Is er geen instelling, vraag dan support om het in te stellen (veel providers controleren eerst of mx.{{domain}} terugwijst naar het adres).',
      ],
      port25Steps: [
        'Veel providers blokkeren uitgaande poort 25 op nieuwe servers om spam tegen te gaan.',
        'Vraag support om hem open te zetten met het bericht hieronder.',
        'Stuur het bericht hieronder via de helpdesk van je provider. Spreekt de helpdesk geen Nederlands, zet de app dan op Engels voor de Engelse versie.',
      ],
      ticket:
        'Onderwerp: Graag poort 25 openzetten voor mijn mailserver ({{ipv4}})\n\nHallo,\n\nIk draai een eigen mailserver voor mijn domein {{domain}} op mijn server met IPv4-adres {{ipv4}}.\nHet IPv6-adres is {{ipv6}}.\nWillen jullie een eventuele blokkade op uitgaande poort 25 voor deze server opheffen, zodat hij mail kan afleveren?\n\nOver de server:\n- Hij verstuurt alleen mail voor mijn eigen domein {{domain}}: persoonlijke en zakelijke mail, geen nieuwsbrieven of bulkmail.\n- De reverse DNS (PTR) van de adressen is mx.{{domain}}, en mx.{{domain}} wijst terug naar die adressen.\n- SPF, DKIM en DMARC staan gepubliceerd voor {{domain}}.\n- Het is geen open relay: alleen ingelogde gebruikers kunnen versturen.\n- Ik lees het abuse-adres van mijn account en reageer snel op meldingen.\n\nAlvast bedankt.',
    },
  },
};

/** Both languages of these texts, for i18n/resources.ts. */
export const providerHelpTexts = { en: providerHelpEn, nl: providerHelpNl };
