"""The public face: the letter page's signatories and sign-on pages, the searchable
directory, the open data (feeds, count, exports), sharing links and the share image, and the
counts every page states. It reads the models and the letter app, uses the forms it shows, and
never imports moderation or the outbox: the public sees only what moderators approved."""
