from bot.telegram.app import main

raise SystemExit(main())
