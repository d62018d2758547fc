/**
 * English texts: what to do at the VPS provider, which the user cannot fix at their domain registrar:
 * set the reverse DNS (PTR) of the server's addresses, and get port 25 opened. {{domain}}, {{ipv4}} and
 * {{ipv6}} are filled by provider-help.ts, which leaves out a line whose value is missing. Menus change,
 * so steps name them loosely where their exact wording is not certain; the facts are kept modest
 * (providers decide unblock requests themselves).
 */
export const providerHelpEn = {
  providerHelp: {
    hetzner: {
      ptrSteps: [
        'Open the Hetzner Console and select your server.',
        "Go to the server's Networking tab.",
        'Edit the reverse DNS of {{ipv4}} and enter mx.{{domain}}.',
        'Hetzner gives each server a whole IPv6 block: add a reverse DNS entry for the exact address {{ipv6}} with mx.{{domain}}.',
        'Dedicated servers are managed in Robot instead: open the server, then its IPs, and edit the reverse DNS there.',
      ],
      port25Steps: [
        'Hetzner blocks outgoing ports 25 and 465 on new cloud servers. Receiving mail is not blocked.',
        'Once your first invoice has been paid, you can ask for the block to be lifted: open a support request in the Hetzner Console with the message below.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease unblock outgoing ports 25 and 465 for this cloud server so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    digitalocean: {
      ptrSteps: [
        "DigitalOcean takes the reverse DNS from the Droplet's name: there is no separate field.",
        'In the control panel, open the Droplet and rename it to mx.{{domain}}.',
        'The reverse DNS of both {{ipv4}} and {{ipv6}} follows the new name; it can take a little while to show.',
      ],
      port25Steps: [
        'DigitalOcean blocks outgoing SMTP (port 25) on Droplets, especially on newer accounts, and seldom lifts the block.',
        'You can ask through a support ticket with the message below; they decide case by case and may suggest a mail delivery service instead.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease lift the SMTP (port 25) restriction for this Droplet so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    vultr: {
      ptrSteps: [
        'Open the server in the Vultr customer portal and go to its Settings.',
        'Under IPv4, change the reverse DNS of {{ipv4}} to mx.{{domain}}.',
        'Under IPv6, add a reverse DNS entry for {{ipv6}} with mx.{{domain}}.',
      ],
      port25Steps: [
        'Vultr blocks SMTP on new accounts.',
        'Open a support ticket with the message below to ask for the SMTP restriction to be lifted; Vultr reviews each request and may refuse for new accounts.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease lift the SMTP (port 25) restriction on my account for this server so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    linode: {
      ptrSteps: [
        'First publish the A record (and AAAA record) of mx.{{domain}}: Linode only accepts a reverse name that points back to the address.',
        'In Cloud Manager, open the Linode and go to its Network tab.',
        'Next to {{ipv4}}, open the menu and choose Edit RDNS; enter mx.{{domain}}.',
        'Do the same for {{ipv6}}.',
      ],
      port25Steps: [
        'Linode (Akamai) restricts the SMTP ports (25, 465 and 587) on new accounts.',
        'Set the reverse DNS first, then open a support ticket with the message below to ask for the restriction to be lifted.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease lift the SMTP port restrictions for this Linode so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    ovh: {
      ptrSteps: [
        'First publish the A record (and AAAA record) of mx.{{domain}}: OVHcloud checks that the name points back to the address.',
        'In the OVHcloud Control Panel, open the list of your public IP addresses (in the Network section).',
        'Click the "..." button next to {{ipv4}}, choose to modify the reverse DNS, and enter mx.{{domain}}.',
        'Do the same for {{ipv6}}.',
      ],
      port25Steps: [
        'OVHcloud does not normally block port 25.',
        'An address can be blocked by their anti-spam protection after spam was seen from it; the IP page in the Control Panel then shows the block and how to lift it. Otherwise, contact support with the message below.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease check whether port 25 is blocked for this server, and if so, lift the block so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    scaleway: {
      ptrSteps: [
        'First publish the A record (and AAAA record) of mx.{{domain}}.',
        'In the Scaleway console, open the Instance and find its flexible IP address {{ipv4}}.',
        'Edit the reverse DNS of the address and enter mx.{{domain}}; do the same for {{ipv6}}.',
      ],
      port25Steps: [
        'Scaleway blocks the outgoing SMTP ports (25, 465 and 587) on Instances by default.',
        'After your identity has been verified in your account, you can open them yourself: in the console, go to the Instances security groups and enable SMTP for the security group of this server. No ticket is needed.',
        'If the option is not offered, contact support with the message below.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease allow outgoing SMTP (port 25) for this Instance so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    contabo: {
      ptrSteps: [
        'In the Contabo Customer Control Panel, open the reverse DNS management page.',
        'Find {{ipv4}} and set its reverse DNS to mx.{{domain}}.',
        'Do the same for {{ipv6}}.',
      ],
      port25Steps: [
        'Contabo does not normally block port 25.',
        'If mail still cannot get out, contact support with the message below.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease check whether port 25 is blocked for this server, and if so, lift the block so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    aws: {
      ptrSteps: [
        "Give the server an Elastic IP address: the reverse DNS of EC2's automatic public addresses cannot be changed.",
        'Publish the A record of mx.{{domain}} pointing at the Elastic IP {{ipv4}} first: AWS checks it.',
        'In the EC2 console, open Elastic IPs, select {{ipv4}}, and choose Actions, then Update reverse DNS; enter mx.{{domain}}.',
        'For IPv6, or for Lightsail, ask AWS Support (the form below also has a field for reverse DNS).',
      ],
      port25Steps: [
        'AWS restricts outgoing port 25 on EC2 and Lightsail by default.',
        'Ask for the restriction to be removed with the AWS Support form for removing email sending limitations (search for "email sending limitations" in AWS Support). It asks for your use case; the message below answers it.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease remove the email sending limitation (port 25) for this instance so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
    general: {
      ptrSteps: [
        'Reverse DNS is set where the server is rented, not at your domain registrar.',
        'Look in your provider\'s control panel for "reverse DNS", "rDNS" or "PTR", usually on the server\'s networking or IP addresses page.',
        'Set the reverse DNS of {{ipv4}} to mx.{{domain}}, and of {{ipv6}} too.',
        'If there is no such setting, ask support to set it (many providers first check that mx.{{domain}} points back to the address).',
      ],
      port25Steps: [
        'Many providers block outgoing port 25 on new servers to stop spam.',
        'Ask support to open it with the message below.',
      ],
      ticket:
        'Subject: Please open port 25 for my mail server ({{ipv4}})\n\nHello,\n\nI run my own mail server for my domain {{domain}} on my server with IPv4 address {{ipv4}}.\nIts IPv6 address is {{ipv6}}.\nPlease lift any block on outgoing port 25 for this server so it can deliver mail.\n\nAbout the server:\n- It sends mail only for my own domain {{domain}}: personal and business mail, no newsletters or bulk mail.\n- The reverse DNS (PTR) of its addresses is mx.{{domain}}, and mx.{{domain}} points back to them.\n- SPF, DKIM and DMARC are published for {{domain}}.\n- It is not an open relay: only signed-in users can send.\n- I read the abuse contact of my account and will act on any report quickly.\n\nThank you.',
    },
  },
};
