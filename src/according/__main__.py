from according.cli import main

main()
