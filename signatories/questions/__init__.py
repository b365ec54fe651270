"""A letter's own questions on its sign-on form, and the two standard ones a coordinator
switches on (the contact's role, the statement of authority): the form fields they make
(fields), the answers stored with a signature and corrected by moderators (services), and
what the form, the admin, the exports, the open data, the directory and the report read of
them (selectors), each a question as a signer of one language reads it (wording).

Uses the models, the audit trail and the letter's public version; the forms, the signing
service, the public face and moderation use it."""
